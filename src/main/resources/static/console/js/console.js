// The console's one script: small enhancements of pages that work without it. No inline script anywhere, so the
// Content-Security-Policy can forbid it; everything is wired here by data attributes and event delegation, which
// also covers content htmx swaps in later.

const HEX = /^#[0-9A-Fa-f]{6}$/;

// WCAG 2 relative luminance and contrast, as Contrast.java computes them on the server.
const luminance = (hex) => {
	const rgb = parseInt(hex.slice(1), 16);
	const channel = (v) => {
		const c = (v & 0xff) / 255;
		return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	};
	return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
};
const contrast = (a, b) => {
	const [x, y] = [luminance(a), luminance(b)];
	return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};

const CONTRAST_PAIRS = [
	['f-appearance-primaryTextColor', 'f-appearance-primaryColor', "the button and the customer's messages"],
	['f-appearance-agentBubbleTextColor', 'f-appearance-agentBubbleColor', "the agent's messages"],
	['f-appearance-topBarTextColor', 'f-appearance-topBarColor', 'the top bar'],
	['f-waitingQueue-textColor', 'f-waitingQueue-backgroundColor', 'the waiting screen'],
];

const byId = (id) => document.getElementById(id);

function updateContrast() {
	for (const [textId, backgroundId, where] of CONTRAST_PAIRS) {
		const text = byId(textId);
		const background = byId(backgroundId);
		const warning = byId(textId + '-contrast');
		if (!text || !background || !warning) {
			continue;
		}
		if (!HEX.test(text.value) || !HEX.test(background.value)) {
			warning.hidden = true;
			continue;
		}
		const ratio = contrast(text.value, background.value);
		warning.hidden = ratio >= 4.5;
		warning.textContent = 'Low contrast (' + (Math.floor(ratio * 10) / 10).toFixed(1) + ':1) for ' + where
			+ ': WCAG AA asks for 4.5:1, or some customers cannot read it.';
	}
}

// Colour pickers beside hex fields: both show the same colour, either may be edited.
function wireColors(root) {
	for (const picker of root.querySelectorAll('input[type=color][data-color-for]')) {
		picker.tabIndex = 0;
	}
}

document.addEventListener('input', (event) => {
	const target = event.target;
	if (target.matches('input[type=color][data-color-for]')) {
		const hex = byId(target.dataset.colorFor);
		if (hex) {
			hex.value = target.value.toUpperCase();
			hex.dispatchEvent(new Event('input', { bubbles: true }));
		}
	}
	else if (target.matches('.color-input .hex')) {
		const picker = target.parentElement.querySelector('input[type=color]');
		if (picker && HEX.test(target.value)) {
			picker.value = target.value.toLowerCase();
		}
	}
	if (target.closest('[data-profile-editor]')) {
		updateContrast();
		markDirty(target.closest('form'));
	}
});

// The interface version decides which sections exist; switching explains what saving would drop.
function updateVersion(form) {
	const checked = form.querySelector('input[data-interface-version]:checked');
	if (!checked) {
		return;
	}
	const v2 = checked.value === 'V2';
	for (const el of document.querySelectorAll('[data-v2-only]')) {
		el.hidden = !v2;
	}
	for (const el of document.querySelectorAll('[data-v1-only]')) {
		el.hidden = v2;
	}
	const dropped = [];
	if (v2) {
		const logo = form.querySelector('input[name="logoAssetId"]');
		if (logo && logo.value) {
			dropped.push('the chat window logo (V2 shows the waiting screen\'s own images instead)');
		}
	}
	else {
		const fields = form.querySelectorAll('.builder-item').length;
		const formEnabled = form.querySelector('#f-preChatForm-enabled');
		if (fields > 0 || (formEnabled && formEnabled.checked)) {
			dropped.push('the pre-chat form (' + fields + ' field' + (fields === 1 ? '' : 's') + ')');
		}
		const queue = form.querySelector('#f-waitingQueue-enabled');
		if (queue && queue.checked) {
			dropped.push('the waiting queue screen');
		}
	}
	const notice = byId('version-drop');
	if (notice) {
		notice.hidden = dropped.length === 0;
		notice.querySelector('[data-dropped]').textContent = dropped.join(' and ');
		notice.querySelector('[data-dropped-reason]').textContent = v2
			? 'V2 has no logo in the chat window.' : 'V1 has no pre-chat form and no waiting screen.';
	}
}

// A pre-chat field shows options only for a choice list, and a maximum length only where answers are typed.
function updateFieldType(select) {
	const item = select.closest('.builder-item');
	if (!item) {
		return;
	}
	const type = select.value;
	const options = item.querySelector('[data-options-for]');
	const maxLength = item.querySelector('[data-max-length-for]');
	if (options) {
		options.hidden = type !== 'SELECT';
	}
	if (maxLength) {
		maxLength.hidden = ['SELECT', 'DATE', 'CHECKBOX'].includes(type);
	}
}

document.addEventListener('change', (event) => {
	const target = event.target;
	const form = target.closest('[data-profile-editor]');
	if (target.matches('input[data-interface-version]') && form) {
		updateVersion(form);
	}
	if (target.matches('select[name$=".type"]')) {
		updateFieldType(target);
	}
	if (target.matches('input[type=file][data-image-file]')) {
		upload(target);
	}
	if (form) {
		markDirty(form);
	}
});

// Images are uploaded as soon as they are chosen, so the thumbnail (and the preview) show them before saving.
async function upload(input) {
	const field = input.closest('[data-image-field]');
	const file = input.files && input.files[0];
	if (!field || !file) {
		return;
	}
	const error = field.querySelector('[data-image-error]');
	const showError = (message) => {
		error.textContent = message;
		error.hidden = !message;
		input.setAttribute('aria-invalid', String(!!message));
	};
	showError('');
	const body = new FormData();
	body.append('file', file);
	const headers = {};
	const token = document.querySelector('meta[name="csrf-token"]');
	const header = document.querySelector('meta[name="csrf-header"]');
	if (token && header) {
		headers[header.content] = token.content;
	}
	try {
		const response = await fetch(input.form.dataset.uploadUrl, {
			method: 'POST', body, headers, credentials: 'same-origin',
		});
		const answer = await response.json().catch(() => ({}));
		if (!response.ok) {
			const detail = (answer.errors && answer.errors[0] && answer.errors[0].message) || answer.detail
				|| 'The image could not be uploaded (' + response.status + ').';
			showError(detail);
			// A refused file must not travel with the form when it is saved: one over the size limit would make the
			// server unable to read any of the form's other settings.
			input.value = '';
			return;
		}
		field.querySelector('[data-image-value]').value = answer.id;
		const thumb = field.querySelector('.thumb');
		thumb.replaceChildren();
		const img = document.createElement('img');
		img.src = answer.url;
		img.alt = field.querySelector('.label').textContent;
		img.dataset.thumb = '';
		thumb.append(img);
		const remove = field.querySelector('[data-image-remove]');
		if (remove) {
			remove.hidden = false;
		}
		input.value = '';
		markDirty(input.form);
		input.form.dispatchEvent(new Event('parley:changed'));
	}
	catch (e) {
		showError('The image could not be uploaded: ' + e.message);
	}
}

// Removing an image needs no round trip when script runs.
document.addEventListener('click', (event) => {
	const remove = event.target.closest('[data-image-remove]');
	if (remove) {
		event.preventDefault();
		const field = remove.closest('[data-image-field]');
		field.querySelector('[data-image-value]').value = '';
		const thumb = field.querySelector('.thumb');
		const empty = document.createElement('span');
		empty.className = 'thumb-empty';
		empty.textContent = 'No image';
		thumb.replaceChildren(empty);
		remove.hidden = true;
		markDirty(remove.form);
		remove.form.dispatchEvent(new Event('parley:changed'));
		return;
	}
	const copy = event.target.closest('[data-copy]');
	if (copy) {
		const source = byId(copy.dataset.copy);
		const status = byId(copy.dataset.copy + '-status');
		navigator.clipboard.writeText(source.textContent.trim()).then(
			() => { status.textContent = 'Copied to the clipboard.'; },
			() => { status.textContent = 'Copying failed: select the text and copy it yourself.'; });
	}
});

// Unsaved edits are named in the save bar, and leaving the page with them asks first.
const dirty = new WeakSet();
function markDirty(form) {
	if (!form || !form.matches('[data-profile-editor]')) {
		return;
	}
	dirty.add(form);
	const state = document.querySelector('[data-save-state]');
	if (state) {
		state.textContent = 'Unsaved changes';
		state.classList.add('dirty');
	}
}
document.addEventListener('submit', (event) => {
	dirty.delete(event.target);
});
addEventListener('beforeunload', (event) => {
	const form = document.querySelector('[data-profile-editor]');
	if (form && dirty.has(form)) {
		event.preventDefault();
	}
});

// Times are rendered in UTC on the server; show them in the reader's own zone.
function localTimes(root) {
	const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
	for (const time of root.querySelectorAll('time[datetime]:not([data-local])')) {
		const date = new Date(time.getAttribute('datetime'));
		if (!Number.isNaN(date.getTime())) {
			time.title = time.textContent;
			time.textContent = format.format(date);
			time.dataset.local = '';
		}
	}
}

// Colour swatches in tables: a style attribute would need 'unsafe-inline', a property set from script does not.
function swatches(root) {
	for (const swatch of root.querySelectorAll('[data-swatch]')) {
		if (HEX.test(swatch.dataset.swatch)) {
			swatch.style.backgroundColor = swatch.dataset.swatch;
		}
	}
}

function enhance(root) {
	wireColors(root);
	localTimes(root);
	swatches(root);
	for (const select of root.querySelectorAll('select[name$=".type"]')) {
		updateFieldType(select);
	}
}

document.addEventListener('htmx:afterSwap', (event) => enhance(event.target));
document.addEventListener('htmx:afterSettle', (event) => {
	// A builder step names where focus belongs next (the new field, the moved one) with autofocus.
	const next = (event.target.isConnected ? event.target : document).querySelector('[autofocus]');
	if (next) {
		next.focus();
	}
	const form = document.querySelector('[data-profile-editor]');
	if (form) {
		updateVersion(form);
		form.dispatchEvent(new Event('parley:changed'));
	}
});

const start = () => {
	enhance(document);
	updateContrast();
	const form = document.querySelector('[data-profile-editor]');
	if (form) {
		updateVersion(form);
	}
	const summary = document.getElementById('error-summary') || document.getElementById('conflict');
	if (summary) {
		summary.focus();
	}
};
if (document.readyState === 'loading') {
	document.addEventListener('DOMContentLoaded', start);
}
else {
	start();
}
