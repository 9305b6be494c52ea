// Placeholder replaced by the understanding layer's command (feat/core-understanding).
export async function interpretCommand(_argv: string[], io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  io.stderr.write('rivet interpret: not available in this build\n');
  return 69;
}
