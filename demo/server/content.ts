/** Made-up people and message texts for simulated conversations. */

export const FIRST_NAMES = [
  'Maya',
  'Lucas',
  'Amara',
  'Noah',
  'Sofia',
  'Kenji',
  'Leila',
  'Oskar',
  'Priya',
  'Mateo',
  'Hannah',
  'Tariq',
  'Elena',
  'Jonas',
  'Aiko',
  'Samuel',
  'Freya',
  'Omar',
  'Chloe',
  'Ravi',
  'Ingrid',
  'Diego',
  'Nora',
  'Felix',
  'Zara',
  'Emil',
  'Yuki',
  'Grace',
  'Marco',
  'Lina',
] as const;

export const LAST_NAMES = [
  'Jensen',
  'Okafor',
  'Silva',
  'Novak',
  'Haddad',
  'Tanaka',
  'Müller',
  'Rossi',
  'Andersen',
  'Kaur',
  'Dubois',
  'Moreau',
  'Nakamura',
  'Costa',
  'Lindqvist',
  'Mensah',
  'Petrov',
  'García',
  'Byrne',
  'Schmidt',
  'Ito',
  'Kovač',
] as const;

/** Each topic: what the customer opens with, and how the agent usually answers. */
export const TOPICS = [
  {
    opening: [
      'Hi, I was charged twice for my subscription this month. Can you check?',
      'My invoice shows the wrong company name, how can I change it?',
      'Could you send me a copy of last month’s invoice?',
    ],
    answer: [
      'Thanks for reaching out! I can see the duplicate charge and have refunded it; it should appear within 3–5 days.',
      'I have updated the billing details on your account; the next invoice will use the new name.',
      'Sure, I have just sent the invoice to the email on file.',
    ],
  },
  {
    opening: [
      'I can’t log in, it says my password is wrong but I just reset it.',
      'The two-factor code never arrives on my phone.',
      'I got locked out of my account after too many attempts.',
    ],
    answer: [
      'Sorry about that! I have cleared the lockout on your account. Could you try again and let me know?',
      'I have switched your second factor to email for now so you can get back in.',
      'The reset link was still pending; I sent a fresh one that is valid for 30 minutes.',
    ],
  },
  {
    opening: [
      'My order hasn’t arrived yet, it has been over a week.',
      'The tracking link for my order doesn’t work.',
      'I received the wrong size, can I exchange it?',
    ],
    answer: [
      'I checked with the carrier: your parcel is at the local depot and should be delivered tomorrow.',
      'Here is the updated tracking number; the first one was cancelled by the warehouse.',
      'Of course! I have created a free exchange; you will get a return label by email.',
    ],
  },
  {
    opening: [
      'How do I export my data to CSV?',
      'Is there a way to add a second user to my plan?',
      'The mobile app crashes when I open the reports tab.',
    ],
    answer: [
      'You can export from Settings → Data → Export; choose CSV and the date range you need.',
      'Yes, go to Team → Invite; the Standard plan includes up to 5 seats.',
      'Thanks for the report. Updating to version 4.2 fixes that crash; could you give it a try?',
    ],
  },
  {
    opening: [
      'I’d like to cancel my plan at the end of the month.',
      'Can I upgrade to the annual plan and keep my discount?',
      'Do you offer a discount for non-profits?',
    ],
    answer: [
      'I have scheduled the cancellation for the end of your billing period. Is there anything we could have done better?',
      'Yes, I have moved you to the annual plan and kept the discount.',
      'We do! I have applied the 30% non-profit discount to your account.',
    ],
  },
] as const;

export const CUSTOMER_FOLLOW_UPS = [
  'Hello? Is anyone there?',
  'Any update on this?',
  'Just adding: it happens on both my laptop and phone.',
  'Sorry to push, but this is quite urgent for me.',
  'I attached a screenshot in case it helps.',
] as const;

export const CUSTOMER_REPLIES = [
  'Thanks, that worked!',
  'Great, thank you so much.',
  'It still doesn’t work, unfortunately.',
  'Okay, I will try that and get back to you.',
  'Perfect, that’s all I needed.',
  'Hmm, I don’t see that option in my account.',
] as const;

export const CUSTOMER_REOPENINGS = [
  'Hi again, the problem is back.',
  'Sorry, one more question about this.',
  'It worked for a day but now it’s broken again.',
] as const;

export const AGENT_FOLLOW_UPS = [
  'Could you tell me which browser and version you are using?',
  'I have escalated this to our technical team and will update you as soon as I hear back.',
  'Let me know if there is anything else I can help with!',
  'Thanks for your patience. I have applied a fix on our side; could you check again?',
] as const;

export const NOTES = [
  'Customer is on the legacy plan; check with billing before refunding.',
  'Looks like the known issue from this morning, linking to the incident.',
  'VIP account, keep an eye on this one.',
  'Asked the warehouse for an update.',
] as const;

export const BOT_ANSWERS = [
  'Hi! I’m the Demo Desk assistant. This article might help: “Managing your account”.',
  'Hi! Here are the most common answers about billing: “Invoices and payments”.',
  'Hi! You can track your order from the “My orders” page.',
] as const;

export const CUSTOMER_AFTER_BOT = [
  'That didn’t help, can I talk to a person?',
  'I need a human, please.',
  'No, my question is different.',
] as const;
