// The part of web-ext's programmatic API the package test uses (web-ext ships no types).
declare module 'web-ext' {
  interface LintMessage {
    code: string;
    message: string;
    description?: string;
    file?: string;
    line?: number;
  }
  interface LintResult {
    errors: LintMessage[];
    warnings: LintMessage[];
    notices: LintMessage[];
    summary: { errors: number; warnings: number; notices: number };
  }
  const webExt: {
    cmd: {
      lint(
        options: {
          sourceDir: string;
          output?: 'text' | 'json' | 'none';
          boring?: boolean;
          pretty?: boolean;
          verbose?: boolean;
          selfHosted?: boolean;
          warningsAsErrors?: boolean;
        },
        extra?: { shouldExitProgram?: boolean },
      ): Promise<LintResult>;
    };
  };
  export default webExt;
}
