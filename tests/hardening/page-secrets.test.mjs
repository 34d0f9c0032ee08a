// Secret hygiene in the page itself (the rest of the page's security is in tests/page/security.test.mjs):
// after a full walkthrough and a failing call, no secret is in the DOM outside the result area (#result:
// the credential block and the export tabs the user asked for), none went to the console, the URL, or a
// request other than as the signed session-token header, and the source keys are never in the DOM at all
// (they live only in the inputs' values, which are not serialised).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorld, openPage } from "../page/helpers.mjs";

describe("page secret hygiene", { timeout: 120000 }, () => {
  let world;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.stop();
  });

  it("keeps secrets out of the DOM outside the result, the console and URLs", async () => {
    const { page, context, requests } = await openPage(world);
    const console = [];
    page.on("console", (m) => console.push(m.text()));
    const bodies = [];
    page.on("request", (r) => bodies.push(`${r.url()} ${r.postData() ?? ""} ${JSON.stringify(r.headers())}`));

    await page.click("#whoami");
    await page.waitForSelector("#identity:not([hidden])");
    await page.click("#assume");
    await page.waitForSelector("#result:not([hidden])");
    const issued = await page.evaluate(() => ({
      secret: document.getElementById("cred-secret").textContent.trim(),
      token: document.getElementById("cred-token")?.textContent.trim() ?? "",
    }));
    assert.ok(issued.secret.length >= 20, "the page shows the new secret in the result");

    // A failing call with a wrong secret, to exercise the error path too.
    const wrong = "Wr0ngSecretWr0ngSecretWr0ngSecretWr0ng00";
    await page.fill("#secretAccessKey", wrong);
    await page.click("#whoami");
    await page.waitForSelector("#error:not([hidden])");

    const outside = await page.evaluate(() => {
      const clone = document.documentElement.cloneNode(true);
      clone.querySelector("#result")?.remove();
      return clone.outerHTML + "\n" + document.title;
    });
    const everywhere = await page.evaluate(() => document.documentElement.outerHTML);
    const secrets = {
      "Bob's secret": world.moto.bob.secretAccessKey,
      "the wrong secret": wrong,
      "the issued secret": issued.secret,
    };
    for (const [name, value] of Object.entries(secrets)) {
      const piece = value.slice(0, 16);
      assert.ok(!outside.includes(piece), `${name} is in the DOM outside #result`);
      assert.ok(!console.some((line) => line.includes(piece)), `${name} went to the console`);
      assert.ok(!requests.some((u) => u.includes(piece)) && !page.url().includes(piece), `${name} is in a URL`);
      assert.ok(!bodies.some((b) => b.includes(piece)), `${name} was sent in a request`);
    }
    // The source keys are typed into inputs only: not even #result may hold them.
    assert.ok(!everywhere.includes(world.moto.bob.secretAccessKey.slice(0, 16)), "Bob's secret is in the DOM");
    assert.ok(!everywhere.includes(wrong.slice(0, 16)), "the typed secret is in the DOM");
    if (issued.token) assert.ok(!outside.includes(issued.token.slice(0, 24)), "the session token is in the DOM outside #result");
    await context.close();
  });
});
