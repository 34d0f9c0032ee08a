// Reads an MFA code from the terminal. Only called when stdin is a TTY.
//
// The prompt goes to the terminal itself (/dev/tty) when it can be opened, else to stderr: stdout may
// be captured by `eval "$(…)"`, and when the AWS CLI runs us as a credential_process it captures our
// stderr too (and shows it only if we fail), so a prompt there would leave the user looking at a
// silent hang. The answer comes from stdin, which is that terminal.

import { createInterface } from "node:readline";
import { createWriteStream, openSync } from "node:fs";

function terminalOutput() {
  try {
    const fd = openSync("/dev/tty", "w");
    return createWriteStream(null, { fd });
  } catch {
    return process.stderr; // no controlling terminal (or not a Unix): the next best place
  }
}

export function promptLine(question) {
  return new Promise((resolve, reject) => {
    const output = terminalOutput();
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    let answered = false;
    const finish = () => {
      if (output !== process.stderr) output.end();
    };
    rl.on("close", () => {
      finish();
      if (!answered) reject(new Error("no MFA code entered"));
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
  });
}
