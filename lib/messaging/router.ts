/**
 * One message router per context (worker, content script, side panel). Each module registers
 * the request types it answers, each with a sender check: a request is validated against its
 * schema in `messages` (protocol.ts), its sender checked, and only then handed to the handler
 * with the sender. A refused or invalid request gets its type's failure reply and reaches no
 * handler. No browser API here: the context hands `listener` to `runtime.onMessage`.
 */
import { failureReply, messages, type MessageType, type ReplyOf, type RequestOf } from './protocol';

/** What the browser says about who sent a message (runtime.MessageSender, the fields used). */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** Why this sender may not send this message, or null when it may. */
export type SenderCheck<T extends MessageType> = (sender: MessageSender, message: RequestOf<T>) => string | null | Promise<string | null>;
export type Handler<T extends MessageType> = (message: RequestOf<T>, sender: MessageSender) => ReplyOf<T> | Promise<ReplyOf<T>>;

export interface Route<T extends MessageType> {
  accept: SenderCheck<T>;
  handle: Handler<T>;
}

export interface RouterOptions {
  /** Told about every refused or invalid request (logged by the worker, counted by tests). */
  onRefused?(type: string, reason: string, sender: MessageSender): void;
}

export type Dispatched = { handled: false } | { handled: true; reply: unknown };

export class MessageRouter {
  private readonly routes = new Map<string, Route<MessageType>>();

  constructor(private readonly options: RouterOptions = {}) {}

  /** Registers the handler of one request type; a type has one handler per context. */
  on<T extends MessageType>(type: T, route: Route<NoInfer<T>>): this {
    if (this.routes.has(type)) throw new Error(`Replyline: ${type} already has a handler here`);
    this.routes.set(type, route);
    return this;
  }

  /** Removes a type's handler (a content script whose extension context went away). */
  off(type: MessageType): void {
    this.routes.delete(type);
  }

  handles(type: string): boolean {
    return this.routes.has(type);
  }

  /** Validates, checks the sender and runs the handler; messages of types not registered here are not handled. */
  async dispatch(raw: unknown, sender: MessageSender): Promise<Dispatched> {
    const type = typeOf(raw);
    const route = type === null ? undefined : this.routes.get(type);
    if (type === null || !route) return { handled: false };
    const key = type as MessageType;
    const parsed = messages[key].request.safeParse(raw);
    if (!parsed.success) return this.refuse(key, `invalid ${type}: ${describeIssues(parsed.error.issues)}`, sender);
    const message = parsed.data as RequestOf<MessageType>;
    let reason: string | null;
    try {
      reason = await route.accept(sender, message);
    } catch (error) {
      reason = `sender check failed: ${errorText(error)}`;
    }
    if (reason !== null) return this.refuse(key, reason, sender);
    try {
      return { handled: true, reply: await route.handle(message, sender) };
    } catch (error) {
      return { handled: true, reply: failureReply(key, errorText(error)) };
    }
  }

  /**
   * For `runtime.onMessage` / `browser.runtime.onMessage`: answers through `sendResponse` (Chrome)
   * or the returned promise (Firefox); types not registered here are left to other listeners.
   */
  readonly listener = (raw: unknown, sender: unknown, sendResponse?: (reply: unknown) => void): true | Promise<unknown> | undefined => {
    const type = typeOf(raw);
    if (type === null || !this.routes.has(type)) return undefined;
    const done = this.dispatch(raw, (sender ?? {}) as MessageSender).then((result) => (result.handled ? result.reply : undefined));
    if (typeof sendResponse === 'function') {
      void done.then(sendResponse);
      return true;
    }
    return done;
  };

  private refuse(type: MessageType, reason: string, sender: MessageSender): Dispatched {
    this.options.onRefused?.(type, reason, sender);
    return { handled: true, reply: failureReply(type, reason) };
  }
}

function typeOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(messages, type) ? type : null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }>): string {
  return issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${issue.path.map(String).join('.') || '(message)'}: ${issue.code}${issue.message && issue.message !== 'Invalid input' ? ` (${issue.message})` : ''}`,
    )
    .join('; ');
}

/** The origin of a URL, or null when it is not one. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Extension pages only (side panel, review page, options): the sender's URL is one of the
 * extension's own, and it is in no tab or in a tab showing an extension page.
 * `extensionBase` is `runtime.getURL('')` (`chrome-extension://<id>/`).
 */
export function fromExtensionPage(extensionBase: string): SenderCheck<MessageType> {
  return (sender) => {
    if (!sender.url?.startsWith(extensionBase)) return `not from an extension page (${sender.url ?? 'no url'})`;
    if (sender.tab && !sender.tab.url?.startsWith(extensionBase)) return 'from a web page tab';
    return null;
  };
}

/** The extension itself (its worker or its pages), as seen by a content script. */
export function fromExtension(extensionBase: string, extensionId: string): SenderCheck<MessageType> {
  return (sender) => {
    if (sender.id !== extensionId) return 'not from this extension';
    // Only the extension reaches a content script's runtime.onMessage; a URL, when given, is its own.
    if (sender.url !== undefined && !sender.url.startsWith(extensionBase))
      return `not from the extension's worker or pages (${sender.url})`;
    return null;
  };
}
