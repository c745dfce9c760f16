/**
 * Renders docs/metrics.md from the engine's definitions, so the document and the UI show the
 * same words. `npm run docs:metrics` writes it; a unit test fails when it is out of date.
 */
import {
  CES_EASY_MIN,
  CSAT_SATISFIED_MIN,
  DEFAULT_AT_RISK_SHARE,
  DEFAULT_LONG_WAIT_SECONDS,
  EFFORT_WEIGHTS,
  HISTOGRAM_BUCKETS,
  METRIC_DEFINITIONS,
  PROFILES,
} from '../engine/definitions';

/** One line per text: a line break inside a list item would end the item in Markdown. */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function renderMetricsDoc(): string {
  const profileName = new Map(PROFILES.map((profile) => [profile.id, profile.name]));
  const out: string[] = [];
  out.push('# Metric definitions');
  out.push('');
  out.push('<!-- Generated from lib/engine/definitions.ts and lib/engine/profiles.ts by `npm run docs:metrics`. Do not edit by hand. -->');
  out.push('');
  out.push(
    'Every number Replyline shows has one written definition: what starts its clock, what stops it, what is left out, whether it counts calendar or business time, and how it is aggregated. The same texts appear in the extension next to the numbers. Definition profiles reproduce the rules of other helpdesks, so you can see why two tools disagree; each rule names its source.',
  );
  out.push('');
  out.push('## Contents');
  out.push('');
  for (const metric of METRIC_DEFINITIONS) out.push(`- [${metric.name}](#metric-${metric.id.toLowerCase()})`);
  out.push('- [Constants](#constants)');
  for (const profile of PROFILES) out.push(`- [Profile: ${profile.name}](#profile-${profile.id})`);
  out.push('');

  out.push('## Metrics');
  for (const metric of METRIC_DEFINITIONS) {
    out.push('');
    out.push(`<a id="metric-${metric.id.toLowerCase()}"></a>`);
    out.push('');
    out.push(`### ${metric.name}`);
    out.push('');
    out.push(`Id \`${metric.id}\`, shown as “${metric.label}”.`);
    out.push('');
    out.push(`- **Starts:** ${inline(metric.start)}`);
    out.push(`- **Stops:** ${inline(metric.stop)}`);
    out.push(`- **Excluded:** ${inline(metric.exclusions)}`);
    out.push(`- **Time:** ${inline(metric.time)}`);
    out.push(`- **Aggregation:** ${inline(metric.aggregation)}`);
    out.push(`- **Period:** ${inline(metric.period)}`);
    const differences = Object.entries(metric.profiles ?? {});
    if (differences.length > 0) {
      out.push('');
      out.push('Where profiles differ:');
      out.push('');
      for (const [id, rule] of differences) {
        if (!rule) continue;
        out.push(
          `- **${profileName.get(id as (typeof PROFILES)[number]['id']) ?? id}:** ${inline(rule.text)} (source: ${inline(rule.source)})`,
        );
      }
    }
  }
  out.push('');

  out.push('## Constants');
  out.push('');
  out.push(`- Histogram buckets: ${HISTOGRAM_BUCKETS.map((bucket) => bucket.label).join(', ')}.`);
  out.push(
    `- Effort score weights: unanswered follow-up ${EFFORT_WEIGHTS.unansweredFollowUp}, reopen ${EFFORT_WEIGHTS.reopen}, transfer ${EFFORT_WEIGHTS.transfer}, long wait ${EFFORT_WEIGHTS.longWait}.`,
  );
  out.push(`- Long-wait threshold (default): ${DEFAULT_LONG_WAIT_SECONDS} business seconds.`);
  out.push(`- At-risk share of a target (default): ${DEFAULT_AT_RISK_SHARE}.`);
  out.push(
    `- CSAT counts answers of ${CSAT_SATISFIED_MIN} or more on 1–5 as satisfied; CES counts ${CES_EASY_MIN} or more on 1–7 as easy.`,
  );
  out.push('');

  out.push('## Profiles');
  for (const profile of PROFILES) {
    out.push('');
    out.push(`<a id="profile-${profile.id}"></a>`);
    out.push('');
    out.push(`### ${profile.name} (\`${profile.id}\`)`);
    out.push('');
    out.push(inline(profile.summary));
    out.push('');
    profile.rules.forEach((rule, index) => {
      out.push(`${index + 1}. ${inline(rule.text)}`);
      out.push(`   Source: ${inline(rule.source)}`);
    });
  }
  out.push('');
  return out.join('\n');
}
