// The live preview beside the profile editor. It asks the console for the widget configuration the unsaved form
// would give customers (the widget module builds it, so it is exactly what the widget would serve) and shows it in
// the widget's own files inside an inert frame:
//   - "Pre-chat form" and "Conversation" are the chat window's first screen (window.js and window.css) with the
//     form switched on or off;
//   - "Button" is the loader (loader.js) drawing the button, its configuration request answered in the frame with
//     the unsaved settings;
//   - preview-frame.js, in every frame, answers that request and keeps the frame from taking focus;
//   - "Waiting" and "Ended" are the chat window playing that state with sample messages and no server: the frame
//     sets <html data-preview="queue|ended"> and the window answers <html data-preview-shown="queue|ended">. A window
//     that does not answer (its script failed, or an older one) is said to, rather than passed off as the state.
//     A profile without the waiting screen (V1, or V2 with it off) shows what its customers see while waiting: the
//     conversation, their place in the queue in the top bar.

const pane = document.querySelector('[data-preview]');
const form = document.querySelector('[data-profile-editor]');
const csrfToken = document.querySelector('meta[name="csrf-token"]');
const csrfHeader = document.querySelector('meta[name="csrf-header"]');

// The loader and window want a point of contact id; the preview's is one no point of contact can have.
const PREVIEW_POC = '00000000-0000-0000-0000-000000000000';

const LABELS = { button: 'the button', prechat: 'the pre-chat form', queue: 'the waiting screen', conversation: 'the conversation', ended: 'the ended chat' };
const SAMPLES = { queue: ', with a sample place in the queue,', ended: ', with sample messages,' };

if (pane && form) {
	const frame = pane.querySelector('[data-preview-frame]');
	const stage = pane.querySelector('[data-preview-stage]');
	const note = pane.querySelector('[data-preview-note]');
	let config = null;
	let state = 'conversation';
	let device = 'desktop';
	let invalid = [];
	let timer = null;
	let asked = 0;
	let rendered = 0;

	const say = (text) => {
		note.textContent = text;
	};

	const escapeAttribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

	// The first screen the chat window can show for this configuration and state, and what to tell the reader.
	const frameFor = () => {
		const shown = JSON.parse(JSON.stringify(config));
		const hasForm = shown.interfaceVersion === 'V2' && shown.preChatForm && shown.preChatForm.enabled
			&& shown.preChatForm.fields && shown.preChatForm.fields.length > 0;
		const hasQueue = shown.interfaceVersion === 'V2' && shown.waitingQueue && shown.waitingQueue.enabled;
		if (state === 'conversation' && shown.preChatForm) {
			shown.preChatForm.enabled = false;
		}
		// In a JSON data block only "</script" could end it early; escaping every '<' keeps the JSON equal and inert.
		const json = JSON.stringify(shown).replace(/</g, '\\u003c');
		const head = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
			+ '<title>Preview</title>';
		if (state === 'button') {
			return {
				html: '<!DOCTYPE html><html lang="en" class="parley-preview-host"><head>' + head
					+ '<link rel="stylesheet" href="' + escapeAttribute(pane.dataset.frameCss) + '">'
					+ '</head><body><script type="application/json" id="parley-config">' + json + '</script>'
					+ '<script src="' + escapeAttribute(pane.dataset.frameJs) + '"></script>'
					+ '<script src="' + escapeAttribute(pane.dataset.loaderJs) + '" data-poc="' + PREVIEW_POC + '"></script></body></html>',
				expect: null,
			};
		}
		return {
			html: '<!DOCTYPE html><html lang="en" data-poc="' + PREVIEW_POC + '" data-preview="' + state + '"><head>' + head
				+ '<link rel="stylesheet" href="' + escapeAttribute(pane.dataset.windowCss) + '">'
				+ '<script type="module" src="' + escapeAttribute(pane.dataset.windowJs) + '"></script></head><body>'
				+ '<script type="application/json" id="parley-config">' + json + '</script>'
				+ '<script src="' + escapeAttribute(pane.dataset.frameJs) + '"></script></body></html>',
			expect: state === 'queue' || state === 'ended' ? state : (state === 'prechat' && !hasForm ? 'no-form' : null),
			queueless: state === 'queue' && !hasQueue,
		};
	};

	const render = () => {
		if (!config) {
			return;
		}
		const next = frameFor();
		frame.srcdoc = next.html;
		const corner = (config.appearance && config.appearance.buttonPosition || 'BOTTOM_RIGHT').toLowerCase().replace('_', '-');
		frame.className = corner;
		stage.classList.toggle('desktop', device === 'desktop');
		stage.classList.toggle('phone', device === 'phone');
		stage.classList.toggle('button-state', state === 'button');
		let text = 'Shows ' + LABELS[state] + (SAMPLES[state] || '') + ' as customers would see it with the settings in'
			+ ' the form, saved or not' + (device === 'phone' ? ', on a phone.' : ', on a desktop page.');
		if (next.expect === 'no-form') {
			text = 'This profile asks no pre-chat questions: customers go straight to the conversation, shown here.';
		}
		if (next.queueless) {
			text = (config.interfaceVersion === 'V2' ? 'The waiting screen is off for this profile'
				: 'V1 profiles have no waiting screen') + ': customers wait in the conversation, their place in the'
				+ ' queue in the top bar, as shown here with a sample message.';
		}
		if (invalid.length) {
			text = 'The preview shows the last valid settings. Fix first: ' + invalid.join(', ') + '.';
		}
		say(text);
		const mine = ++rendered;
		if (next.expect === 'queue' || next.expect === 'ended') {
			// The window's script runs before the frame's load event; by then it has shown the state, or cannot.
			frame.addEventListener('load', () => {
				const shown = frame.contentDocument && frame.contentDocument.documentElement.dataset.previewShown;
				if (mine === rendered && shown !== next.expect) {
					say('The chat window could not show ' + LABELS[state] + ' here, so what it showed instead is not what'
						+ ' customers would see then.');
				}
			}, { once: true });
		}
	};

	const refresh = async () => {
		const body = new URLSearchParams();
		for (const [name, value] of new FormData(form)) {
			if (typeof value === 'string' && name !== 'op') {
				body.append(name, value);
			}
		}
		const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
		if (csrfToken && csrfHeader) {
			headers[csrfHeader.content] = csrfToken.content;
		}
		const ask = ++asked;
		try {
			const response = await fetch(pane.dataset.url, { method: 'POST', headers, body, credentials: 'same-origin' });
			const answer = await response.json().catch(() => null);
			if (ask !== asked) {
				return;
			}
			if (response.ok) {
				config = answer;
				invalid = [];
			}
			else if (answer && answer.errors) {
				invalid = [...new Set(answer.errors.map((e) => {
					const input = document.getElementById('f-' + e.field.replace(/[.[\]]+/g, '-').replace(/-$/, ''));
					const label = input && input.labels && input.labels[0];
					return label ? label.textContent.trim() : e.field;
				}))];
			}
			render();
		}
		catch (e) {
			say('The preview could not be updated: ' + e.message);
		}
	};

	const later = () => {
		clearTimeout(timer);
		timer = setTimeout(refresh, 350);
	};

	form.addEventListener('input', later);
	form.addEventListener('change', later);
	form.addEventListener('parley:changed', later);

	pane.addEventListener('click', (event) => {
		const stateButton = event.target.closest('[data-state]');
		const deviceButton = event.target.closest('[data-device]');
		if (stateButton) {
			state = stateButton.dataset.state;
			for (const b of pane.querySelectorAll('[data-state]')) {
				b.setAttribute('aria-pressed', String(b === stateButton));
			}
			render();
		}
		if (deviceButton) {
			device = deviceButton.dataset.device;
			for (const b of pane.querySelectorAll('[data-device]')) {
				b.setAttribute('aria-pressed', String(b === deviceButton));
			}
			render();
		}
	});

	// A V1 profile has no pre-chat form: that state goes with its section. (Its customers do wait: "Waiting" stays.)
	document.addEventListener('change', (event) => {
		if (event.target.matches('input[data-interface-version]') && event.target.value === 'V1'
			&& state === 'prechat') {
			pane.querySelector('[data-state="conversation"]').click();
		}
	});

	refresh();
}
