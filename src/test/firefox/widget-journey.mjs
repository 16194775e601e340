// The customer's side of WidgetFirefoxBrowserIntegrationTest, in real Firefox driven through WebDriver BiDi
// (Firefox's own remote protocol, so no geckodriver) by puppeteer-core. The Java test starts Parley and the shop,
// plays the agent through the HTTP API, and runs this with one JSON argument:
//   {firefox, profileDir, url, label, corner, name, email, message, reply, hostile, screenshot}
// It prints one line per step reached and exits 0 when every check held, 1 (with the reason) when one did not.
import puppeteer from 'puppeteer-core';

const want = JSON.parse(process.argv[2]);
const WIDTH = 1280;
const HEIGHT = 800;
const TIMEOUT = 20000;

const step = (what) => console.log('step: ' + what);
const check = (condition, what) => {
	if (!condition) {
		throw new Error('check failed: ' + what);
	}
};

const browser = await puppeteer.launch({
	browser: 'firefox',
	executablePath: want.firefox,
	userDataDir: want.profileDir,
	headless: true,
	defaultViewport: { width: WIDTH, height: HEIGHT },
	extraPrefsFirefox: { 'intl.accept_languages': 'en-US', 'browser.translations.automaticallyPopup': false },
});
let failed = false;
try {
	const page = await browser.newPage();
	page.setDefaultTimeout(TIMEOUT);
	const dialogs = [];
	page.on('dialog', async (dialog) => {
		dialogs.push(dialog.message());
		await dialog.dismiss();
	});
	await page.goto(want.url);
	const agent = (await browser.version()) + ' / ' + (await page.evaluate(() => navigator.userAgent));
	check(/Firefox\//.test(agent), 'a Firefox, not ' + agent);
	step('opened the shop page in ' + agent);

	// The button: drawn by the loader in its shadow root, named by the profile's label, in the profile's corner.
	const button = await page.waitForSelector('parley-chat >>> button', { visible: true });
	// Firefox finds nodes by accessible name and role (BiDi's accessibility locator) from the shadow root, not
	// from the document, which it does not search through shadow roots.
	const shadow = await (await page.$('parley-chat')).evaluateHandle((host) => host.shadowRoot);
	const named = await shadow.$(`::-p-aria([name=${JSON.stringify(want.label)}][role="button"])`);
	check(named !== null, 'a button named ' + JSON.stringify(want.label));
	check(await named.evaluate((node, other) => node === other, button), 'the accessible name of the button');
	check(await button.evaluate((node) => node.innerText) === want.label, 'the button shows its label');
	const place = await button.evaluate((node) => {
		const r = node.getBoundingClientRect();
		return { left: r.left, right: innerWidth - r.right, top: r.top, bottom: innerHeight - r.bottom };
	});
	const horizontal = want.corner.endsWith('RIGHT') ? place.right : place.left;
	const vertical = want.corner.startsWith('BOTTOM') ? place.bottom : place.top;
	check(horizontal >= 0 && horizontal <= 40 && vertical >= 0 && vertical <= 40,
		'the button in the ' + want.corner + ' corner: ' + JSON.stringify(place));
	check(await page.$('parley-chat >>> iframe') === null, 'no window before a click');
	step('saw the button ' + JSON.stringify(want.label) + ' in the ' + want.corner + ' corner');

	// Opening the window and the V2 pre-chat form.
	await button.click();
	const frameElement = await page.waitForSelector('parley-chat >>> iframe', { visible: true });
	check(await button.evaluate((node) => node.getAttribute('aria-expanded')) === 'true', 'aria-expanded after a click');
	const frame = await frameElement.contentFrame();
	check(frame !== null, 'the window\'s frame');
	check(new URL(frame.url()).origin !== new URL(want.url).origin, 'the window comes from another origin than the shop');
	await (await frame.waitForSelector('#field-0', { visible: true })).type(want.name);
	await (await frame.waitForSelector('#field-1', { visible: true })).type(want.email);
	await (await frame.waitForSelector('.prechat button[type=submit]')).click();
	step('sent the pre-chat form');

	// The conversation with the agent (played by the Java test).
	await frame.waitForSelector('section.conversation', { visible: true });
	await frame.waitForFunction((text) => document.getElementById('subtitle').textContent === text, {},
		'You are chatting with ' + want.agent);
	const box = await frame.waitForSelector('#message', { visible: true });
	await box.type(want.message);
	await box.press('Enter');
	step('sent a message');
	await frame.waitForFunction((texts) => {
		const shown = [...document.querySelectorAll('.log .msg.agent .text')].map((e) => e.textContent);
		return texts.every((text) => shown.includes(text));
	}, {}, [want.reply, want.hostile]);
	check(await frame.$$eval('.log img, .log script, .log b', (nodes) => nodes.length) === 0,
		'markup in a message is shown as text, not rendered');
	const customer = await frame.$$eval('.log .msg.customer .text', (nodes) => nodes.map((e) => e.textContent));
	check(JSON.stringify(customer) === JSON.stringify([want.message]), 'the customer\'s bubbles: ' + JSON.stringify(customer));
	check(dialogs.length === 0, 'no script from a message ran: ' + JSON.stringify(dialogs));
	step('read the agent\'s reply and the message with markup as text');

	await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
	await page.screenshot({ path: want.screenshot });
	step('took a screenshot');

	// Parley.close() from the shop's page hides the window and leaves the button.
	await page.evaluate(() => window.Parley.close());
	await page.waitForSelector('parley-chat >>> iframe', { hidden: true });
	check(await button.evaluate((node) => node.getAttribute('aria-expanded')) === 'false', 'aria-expanded after closing');
	check(await button.isVisible(), 'the button stays');
	check(dialogs.length === 0, 'no script from a message ran: ' + JSON.stringify(dialogs));
	step('closed the window with Parley.close()');
	console.log('done');
}
catch (error) {
	failed = true;
	console.log('FAILED: ' + (error && error.stack ? error.stack : error));
}
finally {
	await browser.close();
}
process.exit(failed ? 1 : 0);
