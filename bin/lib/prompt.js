// Reads the MFA code from the terminal: prompt on stderr (stdout may be captured by `eval "$(…)"`),
// answer from stdin. Only called when stdin is a TTY.

import { createInterface } from "node:readline";

export function promptLine(question) {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    rl.on("close", () => {
      if (!answered) reject(new Error("no MFA code entered"));
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
  });
}
