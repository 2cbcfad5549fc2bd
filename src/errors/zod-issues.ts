import type { z } from 'zod';
import { AppError } from './app-error.js';

/** One readable line per issue, each naming the field: `platforms.0: Invalid option…`. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(input)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

export function invalidInput(error: z.ZodError, what = 'input'): AppError {
  return new AppError('INVALID_INPUT', `${what} is invalid: ${describeZodIssues(error)}`, {
    details: {
      issues: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    },
  });
}
