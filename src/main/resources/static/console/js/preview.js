// The live preview beside the profile editor. It asks the console for the widget configuration the unsaved form
// would give customers (the widget module builds it, so it is exactly what the widget would serve) and shows it in
// the widget's own files inside an inert frame:
//   - "Pre-chat form" and "Conversation" are the chat window's first screen (window.js and window.css) with the
//     form switched on or off;
//   - "Button" is the loader (loader.js) drawing the button, its configuration request answered in the frame with
//     the unsaved settings;
//   - preview-frame.js, in every frame, answers that request and keeps the frame from taking focus;
//   - "Waiting screen" and "Ended" need the chat window to render a state on request: the frame sets
//     <html data-preview="queue|ended"> for a window.js that honours it (and answers <html data-preview-shown>);
//     until then the preview says so instead of pretending.

const pane = document.querySelector('[data-preview]');
const form = document.querySelector('[data-profile-editor]');
const csrfToken = document.querySelector('meta[name="csrf-token"]');
const csrfHeader = document.querySelector('meta[name="csrf-header"]');

// The loader and window want a point of contact id; the preview's is one no point of contact can have.
const PREVIEW_POC = '00000000-0000-0000-0000-000000000000';

const LABELS = { button: 'the button', prechat: 'the pre-chat form', queue: 'the waiting screen', conversation: 'the conversation', ended: 'the ended chat' };

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

	const say = (text) => {
		note.textContent = text;
	};

	const escapeAttribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

	// The first screen the chat window can show for this configuration and state, and what to tell the reader.
	const frameFor = () => {
		const shown = JSON.parse(JSON.stringify(config));
		const hasForm = shown.interfaceVersion === 'V2' && shown.preChatForm && shown.preChatForm.enabled
			&& shown.preChatForm.fields && shown.preChatForm.fields.length > 0;
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
				+ '<script src="' + escapeAttribute(pane.dataset.windowJs) + '" defer></script></head><body>'
				+ '<script type="application/json" id="parley-config">' + json + '</script>'
				+ '<script src="' + escapeAttribute(pane.dataset.frameJs) + '"></script></body></html>',
			expect: state === 'queue' || state === 'ended' ? state : (state === 'prechat' && !hasForm ? 'no-form' : null),
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
		let text = 'Shows ' + LABELS[state] + ' as customers would see it with the settings in the form, saved or not'
			+ (device === 'phone' ? ', on a phone.' : ', on a desktop page.');
		if (next.expect === 'no-form') {
			text = 'This profile asks no pre-chat questions: customers go straight to the conversation, shown here.';
		}
		if (invalid.length) {
			text = 'The preview shows the last valid settings. Fix first: ' + invalid.join(', ') + '.';
		}
		say(text);
		if (next.expect === 'queue' || next.expect === 'ended') {
			frame.addEventListener('load', () => {
				// Give the window's script its turn, then see whether it showed the state asked for.
				setTimeout(() => {
					const shown = frame.contentDocument && frame.contentDocument.documentElement.dataset.previewShown;
					if (shown !== next.expect) {
						say('The chat window of this build cannot show ' + LABELS[state] + ' on request yet, so its first'
							+ ' screen is shown. (It needs the window\'s preview mode: <html data-preview="' + state + '">.)');
					}
				}, 300);
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

	// A V1 profile has no pre-chat form or waiting screen: those states go with the sections.
	document.addEventListener('change', (event) => {
		if (event.target.matches('input[data-interface-version]') && event.target.value === 'V1'
			&& (state === 'prechat' || state === 'queue')) {
			pane.querySelector('[data-state="conversation"]').click();
		}
	});

	refresh();
}
