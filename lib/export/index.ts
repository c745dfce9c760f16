/** Report formats shared by the CLI and the extension's exports. */
import type { EngineReport, ReportFrame } from './context';
import { formatReportCsv } from './csv';
import { formatReportJson } from './json';
import { formatReportText } from './text';

export * from './context';
export * from './csv';
export * from './json';
export * from './text';

export const REPORT_FORMATS = ['json', 'csv', 'text'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function formatReport(report: EngineReport, frame: ReportFrame, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return formatReportJson(report, frame);
    case 'csv':
      return formatReportCsv(report, frame);
    case 'text':
      return formatReportText(report, frame);
  }
}
