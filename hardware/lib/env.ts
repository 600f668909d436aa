/** The directory the user ran the command from: npm runs workspace scripts elsewhere, and says where in INIT_CWD. */
export function invocationDir(): string {
  return process.env.INIT_CWD ?? process.cwd();
}
