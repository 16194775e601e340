/*
 * The Parley chat window, inside the iframe the loader opens (or on its own). It is styled entirely from the point
 * of contact's resolved configuration, embedded in the page as JSON. Every text that comes from a profile or a
 * message is put into the page with textContent, never parsed as HTML.
 *
 * The console's live preview shows it with <html data-preview="prechat|conversation|queue|ended">: then it talks to
 * no server and keeps nothing, and for "queue" and "ended" it plays that state with sample messages and answers
 * <html data-preview-shown>.
 *
 * Talking to Parley (the event stream, the outbox, retries) is events.js, the module the agent console uses too.
 */
import { Outbox, exchange, follow, persist, playTune, seqIndex, store } from './events.js';

(() => {
	const doc = document;
	const html = doc.documentElement;
	const poc = html.dataset.poc;
	const preview = html.dataset.preview;
	const config = JSON.parse(doc.getElementById('parley-config').textContent);
	const look = config.appearance || {};
	const v2 = config.interfaceVersion === 'V2';
	const preChat = v2 && config.preChatForm && config.preChatForm.enabled && config.preChatForm.fields.length
		? config.preChatForm : null;
	const waiting = v2 && config.waitingQueue && config.waitingQueue.enabled ? config.waitingQueue : null;
	// Parley may live under a path prefix; the window's own address names it.
	const api = location.pathname.replace(/\/widget\/v1\/points-of-contact\/.*$/, '') + '/widget/v1';
	const COLOR = /^#[0-9a-fA-F]{6}$/;
	const FONT = /^[A-Za-z0-9 ,'"-]{1,100}$/;
	const MESSAGE_MAX = 4000;
	const SIZES = { SMALL: 13, REGULAR: 15, HUGE: 19 };
	const SCALES = [1, 1.15, 1.3];
	const SVG = 'http://www.w3.org/2000/svg';
	const keys = { chat: 'parley.chat.' + poc, outbox: 'parley.outbox.' + poc, prefs: 'parley.prefs' };

	// The page that framed us, named by the loader; messages go to that origin only.
	const hostOrigin = (() => {
		const named = new URLSearchParams(location.hash.slice(1)).get('origin');
		try {
			return named && parent !== window && new URL(named).origin === named ? named : null;
		}
		catch (e) {
			return null;
		}
	})();

	/** Builds an element; strings among the children become text nodes, never markup. */
	const h = (tag, attributes, ...children) => {
		const node = tag.startsWith('svg:') ? doc.createElementNS(SVG, tag.slice(4)) : doc.createElement(tag);
		for (const [key, value] of Object.entries(attributes || {})) {
			if (key.startsWith('on')) {
				node.addEventListener(key.slice(2), value);
			}
			else if (value === true) {
				node.setAttribute(key, '');
			}
			else if (value !== false && value != null) {
				node.setAttribute(key, value);
			}
		}
		for (const child of children.flat()) {
			if (child != null && child !== false) {
				node.append(child);
			}
		}
		return node;
	};
	const icon = (path) => h('svg:svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
		h('svg:path', { d: path }));
	const ICONS = {
		close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
		send: 'M3 20.5v-7l9-1.5-9-1.5v-7L22 12z',
		text: 'M9 4h2l5 16h-2.1l-1.2-4H6.3l-1.2 4H3zm-2.1 10h5.2L9.5 5.7zM18 7h2v3h3v2h-3v3h-2v-3h-3v-2h3z',
		contrast: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2v16a8 8 0 0 1 0-16z',
		sound: 'M4 9h4l5-4v14l-5-4H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
	};
	const codePoints = (text) => [...text].length;

	// ---- Look -------------------------------------------------------------------------------------------------

	const paint = (name, value, fallback) => html.style.setProperty(name, COLOR.test(value || '') ? value : fallback);
	paint('--p-primary', look.primaryColor, '#0B5FFF');
	paint('--p-on-primary', look.primaryTextColor, '#FFFFFF');
	paint('--p-bubble', look.agentBubbleColor, '#F1F3F5');
	paint('--p-on-bubble', look.agentBubbleTextColor, '#111111');
	paint('--p-top', look.topBarColor, '#0B5FFF');
	paint('--p-on-top', look.topBarTextColor, '#FFFFFF');
	if (waiting) {
		paint('--p-queue', waiting.backgroundColor, '#FFFFFF');
		paint('--p-on-queue', waiting.textColor, '#111111');
	}
	html.style.setProperty('--font', (FONT.test(look.fontFamily || '') ? look.fontFamily + ', ' : '') + 'system-ui, sans-serif');
	html.style.setProperty('--base', (SIZES[look.fontSize] || SIZES.REGULAR) + 'px');
	html.classList.add(v2 ? 'v2' : 'v1');

	// The preview shows the profile as it is, not the console user's own choices as a customer.
	const prefs = Object.assign({ scale: 0, contrast: false, sound: false }, v2 && !preview ? store.get(keys.prefs) : null);
	const applyPrefs = () => {
		html.style.setProperty('--scale', SCALES[prefs.scale] || 1);
		html.classList.toggle('hc', !!prefs.contrast);
		if (v2 && !preview) {
			store.set(keys.prefs, prefs);
		}
	};

	// ---- Sounds (V2, off unless the customer turns them on) ------------------------------------------------------

	let audio = null;
	const TUNES = {
		joined: [[523, 0, 0.14], [784, 0.14, 0.26]],
		message: [[880, 0, 0.12]],
		ended: [[659, 0, 0.16], [440, 0.16, 0.3]],
	};
	const play = (tune) => {
		if (!v2 || !prefs.sound) {
			return;
		}
		try {
			audio = audio || new AudioContext();
		}
		catch (e) {
			return; // no audio on this device; sounds are a courtesy
		}
		playTune(audio, TUNES[tune], 0.18);
	};

	// ---- Frame ------------------------------------------------------------------------------------------------

	const sayToHost = (type) => hostOrigin && parent.postMessage({ parley: type }, hostOrigin);
	const closeWindow = () => sayToHost('close');

	const title = h('h1', { id: 'title' }, look.headerTitle || 'Chat');
	const subtitle = h('p', { class: 'subtitle', id: 'subtitle' });
	const tool = (label, path, onclick, pressed) => h('button', {
		type: 'button', class: 'tool', title: label, 'aria-label': label,
		'aria-pressed': pressed === undefined ? null : String(pressed), onclick,
	}, icon(path));
	const tools = h('div', { class: 'tools' });
	if (v2) {
		const sizeLabel = () => 'Text size ' + Math.round(SCALES[prefs.scale] * 100) + '%';
		const size = tool(sizeLabel(), ICONS.text, () => {
			prefs.scale = (prefs.scale + 1) % SCALES.length;
			size.setAttribute('aria-label', sizeLabel());
			size.title = sizeLabel();
			applyPrefs();
		});
		const contrast = tool('High contrast', ICONS.contrast, () => {
			prefs.contrast = !prefs.contrast;
			contrast.setAttribute('aria-pressed', String(prefs.contrast));
			applyPrefs();
		}, prefs.contrast);
		const sound = tool('Sounds', ICONS.sound, () => {
			prefs.sound = !prefs.sound;
			sound.setAttribute('aria-pressed', String(prefs.sound));
			applyPrefs();
			play('message');
		}, prefs.sound);
		tools.append(size, contrast, sound);
	}
	if (hostOrigin) {
		tools.append(tool('Close chat window', ICONS.close, closeWindow));
	}
	const logo = !v2 && config.logoUrl ? h('img', { class: 'logo', src: config.logoUrl, alt: '' }) : null;
	if (logo) {
		logo.addEventListener('error', () => logo.remove());
	}
	const notice = h('div', { class: 'notice', role: 'alert', hidden: true });
	const main = h('main', { class: 'screen' });
	doc.body.append(h('div', { class: 'app' },
		h('header', { class: 'top' }, logo, h('div', { class: 'heading' }, title, subtitle), tools),
		notice, main));
	applyPrefs();

	addEventListener('keydown', (event) => {
		if (event.key === 'Escape' && hostOrigin) {
			closeWindow();
		}
	});

	// ---- Talking to Parley ------------------------------------------------------------------------------------

	let noticeTimer = null;
	let noticeFrom = null;
	const showNotice = (text, seconds) => {
		clearInterval(noticeTimer);
		notice.hidden = false;
		let left = Math.ceil(seconds);
		const reason = h('span', {}, text);
		const retry = h('span', { class: 'retry' });
		notice.replaceChildren(reason, ' ', retry);
		const render = () => {
			retry.textContent = left > 0 ? 'We will try again for you in ' + left + ' s.' : 'Trying again…';
		};
		render();
		noticeTimer = setInterval(() => {
			left -= 1;
			render();
		}, 1000);
	};
	const clearNotice = () => {
		clearInterval(noticeTimer);
		noticeFrom = null;
		notice.hidden = true;
		notice.textContent = '';
	};

	/**
	 * What the customer is told while Parley does not answer {@code source}'s requests (the feed's, or the others'),
	 * and when we try again; null clears what that source said. A socket that dropped reconnects at once, untold.
	 */
	const troubleFrom = (source) => (problem) => {
		if (!problem) {
			if (noticeFrom === source) {
				clearNotice();
			}
			return;
		}
		const answer = problem.answer || problem.error;
		if (!answer || answer.status === undefined) {
			return;
		}
		const detail = answer.body && (answer.body.detail || answer.body.title);
		noticeFrom = source;
		showNotice(answer.status === 0 ? 'We can’t reach the chat service right now.'
			: answer.status === 429 ? detail || 'Too many requests.'
			: answer.status === 503 && answer.retryAfter ? 'The chat service is busy.' : 'The chat service has a problem.',
		problem.wait / 1000);
	};
	const requestTrouble = troubleFrom('request');

	/**
	 * One request; network failures, 5xx and 429 are retried (telling the customer why and when) unless
	 * {@code once} is set. Answers {status, body}; status 0 means the one try failed.
	 */
	const request = (method, path, body, options = {}) => {
		if (preview) {
			return Promise.resolve({ status: 0, body: null });
		}
		const init = { body, credentials: 'omit', headers: options.token ? { Authorization: 'Bearer ' + options.token } : {} };
		return options.once ? exchange(method, path, init) : persist(method, path, Object.assign({ trouble: requestTrouble }, init));
	};

	// ---- Chat state -------------------------------------------------------------------------------------------

	let chat = preview ? null : store.get(keys.chat);
	let status = null;
	let lastSeq = 0;
	let live = false;
	// Where the waiting chat stands; available: whether anybody with the skill is (null: as the configuration said).
	let queueInfo = { position: null, wait: null, available: null };
	let agentName = null;
	// Whether an agent has had this chat: one who was gone gives it back to the queue, and then the conversation, with
	// the system message saying so, stays in view instead of the waiting screen.
	let served = false;
	let creating = null;

	const chatPath = () => api + '/chats/' + encodeURIComponent(chat.chatId);

	const forgetChat = () => {
		chat = null;
		status = null;
		lastSeq = 0;
		stateSeq = 0;
		store.set(keys.chat, null);
		outbox.clear();
	};

	const createChat = (answers) => {
		creating = creating || (async () => {
			const answer = await request('POST', api + '/points-of-contact/' + encodeURIComponent(poc) + '/chats',
				{ preChat: answers || {} });
			if (answer.status === 201 && answer.body && answer.body.chatId) {
				chat = { chatId: answer.body.chatId, token: answer.body.token };
				store.set(keys.chat, chat);
				live = true;
				setState(answer.body.state || 'QUEUED', answer.body);
				connect();
			}
			return answer;
		})();
		return creating.finally(() => {
			creating = null;
		});
	};

	// ---- Screens ----------------------------------------------------------------------------------------------

	const show = (screen) => {
		main.replaceChildren(screen);
		main.className = 'screen ' + screen.dataset.screen;
	};

	const focusFirst = () => {
		const visible = (selector) => [...main.querySelectorAll(selector)].find((node) => node.offsetParent !== null);
		const target = visible('[aria-invalid="true"]') || visible('input, select, textarea') || visible('button');
		if (target) {
			target.focus();
		}
	};

	addEventListener('message', (event) => {
		if (event.origin === hostOrigin && event.source === parent && event.data && event.data.parley === 'focus') {
			focusFirst();
		}
	});

	// Pre-chat form (V2) ---------------------------------------------------------------------------------------

	// The server's rules (chat module, PreChatAnswers), so that the customer hears of a problem before sending.
	const RULES = {
		EMAIL: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address like name@example.com.'],
		PHONE: [/^\+?[0-9 ().\/-]+$/, 'Enter a phone number: digits, spaces, ( ) - . / and an optional leading +.'],
		NUMBER: [/^-?[0-9]+(?:\.[0-9]+)?$/, 'Enter a number, like 42 or 3.5.'],
		DATE: [/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'Enter a date.'],
	};
	const DEFAULT_MAX = { EMAIL: 254, PHONE: 40 };
	const realDate = (text) => {
		const [year, month, day] = text.split('-').map(Number);
		const date = new Date(Date.UTC(year, month - 1, day));
		return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	};

	/** The answer as it is sent: typed text without the spaces around it, a checkbox as true or false. */
	const answerOf = (field, control) => (field.type === 'CHECKBOX' ? control.checked
		: field.type === 'SELECT' ? control.value : control.value.trim());

	/** What is wrong with one answer, the same rules the server applies; null when nothing. */
	const checkAnswer = (field, value) => {
		if (field.type === 'CHECKBOX') {
			return field.required && !value ? 'Tick this box to continue.' : null;
		}
		if (value === '') {
			return field.required ? (field.type === 'SELECT' ? 'Choose an option.' : 'Fill in this field.') : null;
		}
		const max = field.maxLength || DEFAULT_MAX[field.type] || MESSAGE_MAX;
		if (codePoints(value) > max) {
			return 'At most ' + max + ' characters (now ' + codePoints(value) + ').';
		}
		if (field.type === 'SELECT' && !(field.options || []).includes(value)) {
			return 'Choose one of the options.';
		}
		const rule = RULES[field.type];
		if (rule && !rule[0].test(value)) {
			return rule[1];
		}
		if ((field.type === 'DATE' && !realDate(value))
			|| (field.type === 'PHONE' && value.replace(/[^0-9]/g, '').length < 3)) {
			return rule[1];
		}
		return null;
	};

	const preChatScreen = () => {
		const inputs = [];
		const setError = (entry, message) => {
			entry.error.textContent = message || '';
			entry.error.hidden = !message;
			entry.control.setAttribute('aria-invalid', String(!!message));
		};
		const summary = h('p', { class: 'form-error', role: 'alert', hidden: true });
		const fields = preChat.fields.map((field, index) => {
			const id = 'field-' + index;
			const errorId = id + '-error';
			const common = { id, name: field.key, 'aria-describedby': errorId, required: field.required };
			const mark = field.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null;
			let control;
			switch (field.type) {
				case 'TEXTAREA':
					control = h('textarea', Object.assign({ rows: 3 }, common));
					break;
				case 'SELECT':
					control = h('select', common, h('option', { value: '' }, 'Choose…'),
						(field.options || []).map((option) => h('option', { value: option }, option)));
					break;
				case 'CHECKBOX':
					control = h('input', Object.assign({ type: 'checkbox' }, common));
					break;
				default:
					control = h('input', Object.assign({
						type: { EMAIL: 'email', PHONE: 'tel', DATE: 'date' }[field.type] || 'text',
						inputmode: field.type === 'NUMBER' ? 'decimal' : null,
						autocomplete: { EMAIL: 'email', PHONE: 'tel' }[field.type] || (/name/i.test(field.key) ? 'name' : 'off'),
					}, common));
			}
			const error = h('p', { class: 'error', id: errorId, hidden: true });
			const entry = { field, control, error };
			inputs.push(entry);
			// Errors appear on submit, and each goes while its field is being corrected: changing them on blur would
			// move the button under the pointer of a customer who is pressing it.
			control.addEventListener('input', () => {
				if (control.getAttribute('aria-invalid') === 'true') {
					setError(entry, checkAnswer(field, answerOf(field, control)));
				}
			});
			const label = h('label', { for: id }, field.label, mark);
			return field.type === 'CHECKBOX'
				? h('div', { class: 'field check' }, control, label, error)
				: h('div', { class: 'field' }, label, control, error);
		});
		const submit = h('button', { type: 'submit', class: 'primary' }, 'Start chat');
		const form = h('form', { class: 'prechat', novalidate: true, 'aria-labelledby': 'prechat-intro' },
			h('p', { class: 'intro', id: 'prechat-intro' }, preChat.welcomeMessage || look.welcomeMessage || ''),
			preChat.fields.some((f) => f.required) ? h('p', { class: 'hint' }, 'Fields marked * are required.') : null,
			fields, summary, submit);
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			if (submit.disabled) {
				return;
			}
			let firstBad = null;
			const answers = {};
			for (const entry of inputs) {
				const given = answerOf(entry.field, entry.control);
				const problem = checkAnswer(entry.field, given);
				setError(entry, problem);
				firstBad = firstBad || (problem && entry.control);
				if (given !== '') {
					answers[entry.field.key] = given;
				}
			}
			summary.hidden = true;
			if (firstBad) {
				firstBad.focus();
				return;
			}
			submit.disabled = true;
			submit.textContent = 'Starting…';
			const answer = await createChat(answers);
			submit.disabled = false;
			submit.textContent = 'Start chat';
			if (answer.status === 201) {
				return;
			}
			const errors = (answer.body && answer.body.errors) || [];
			const unplaced = [];
			for (const problem of errors) {
				const key = String(problem.field || '').replace(/^preChat(?:\.|\[['"]?)?/, '').replace(/['"]?\]$/, '');
				const entry = inputs.find((candidate) => candidate.field.key === key);
				if (entry) {
					setError(entry, problem.message);
					firstBad = firstBad || entry.control;
				}
				else {
					unplaced.push(problem.message ? (problem.field ? problem.field + ' ' : '') + problem.message : '');
				}
			}
			const detail = answer.body && (answer.body.detail || answer.body.title);
			if (unplaced.length || !errors.length) {
				summary.textContent = unplaced.filter(Boolean).join(' ') || detail || 'The chat could not be started.';
				summary.hidden = false;
			}
			(firstBad || submit).focus();
		});
		form.dataset.screen = 'prechat';
		return form;
	};

	// Waiting queue (V2) ---------------------------------------------------------------------------------------

	const aheadText = (position) => {
		const ahead = Math.max(0, position - 1);
		return ahead === 0 ? 'You are next in line.'
			: ahead === 1 ? 'There is 1 contact ahead of you.' : 'There are ' + ahead + ' contacts ahead of you.';
	};
	const waitText = (seconds) => (seconds < 60 ? 'Estimated wait: less than a minute.'
		: 'Estimated wait: about ' + Math.ceil(seconds / 60) + ' minutes.');
	// Nobody with the skill is available: no estimate then, however fast the queue moved before.
	const nobodyAvailable = () => (queueInfo.available == null ? config.agentsAvailable === false : !queueInfo.available);
	const NOBODY_BEFORE = 'No agents are available right now. You can still start a chat and wait.';
	const NOBODY_WAITING = 'No agents are available right now. You keep your place; an agent joins you as soon as one is.';

	let queueScreen = null;
	const makeQueueScreen = () => {
		const rotating = h('p', { class: 'rotating' });
		const wait = h('p', { class: 'wait', hidden: true });
		const announce = h('p', { class: 'sr-only', role: 'status' });
		const leave = h('button', { type: 'button', class: 'secondary', onclick: endChat }, 'Leave the queue');
		const screen = h('section', { class: 'queue', 'aria-label': 'Waiting for an agent' },
			waiting.logoUrl ? h('img', { class: 'queue-logo', src: waiting.logoUrl, alt: '' }) : null,
			waiting.heroImageUrl ? h('img', { class: 'hero', src: waiting.heroImageUrl, alt: '' }) : null,
			h('div', { class: 'spinner', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
			rotating, wait, announce, leave);
		screen.dataset.screen = 'queue';
		let showMessage = true;
		const texts = () => [waiting.message, waiting.showPosition && queueInfo.position ? aheadText(queueInfo.position) : null]
			.filter(Boolean);
		const rotate = () => {
			const list = texts();
			rotating.textContent = list.length ? list[showMessage || list.length === 1 ? 0 : 1] : 'Please wait…';
			showMessage = !showMessage;
		};
		const timer = setInterval(() => {
			if (!screen.isConnected) {
				clearInterval(timer);
				return;
			}
			rotate();
		}, 5000);
		let announced = null;
		screen.rotate = rotate;
		screen.update = () => {
			const nobody = nobodyAvailable();
			const text = nobody ? NOBODY_WAITING
				: waiting.showEstimatedWait && queueInfo.wait != null ? waitText(queueInfo.wait) : null;
			wait.hidden = !text;
			if (text && wait.textContent !== text) {
				wait.textContent = text;
				if (nobody || wait.dataset.nobody) {
					announce.textContent = text;
				}
			}
			wait.dataset.nobody = nobody ? 'yes' : '';
			if (waiting.showPosition && queueInfo.position && queueInfo.position !== announced) {
				announced = queueInfo.position;
				announce.textContent = aheadText(queueInfo.position);
				showMessage = false;
				rotate();
			}
			else if (!rotating.textContent) {
				rotate();
			}
		};
		screen.update();
		return screen;
	};

	// Conversation ---------------------------------------------------------------------------------------------

	const log = h('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
	const typing = h('p', { class: 'typing', hidden: true }, h('span', { class: 'dots', 'aria-hidden': 'true' },
		h('span'), h('span'), h('span')), h('span', { class: 'typing-text' }));
	const box = h('textarea', { id: 'message', rows: 1, 'aria-label': 'Message', placeholder: 'Type your message…',
		enterkeyhint: 'send' });
	const boxError = h('p', { class: 'error', id: 'message-error', hidden: true });
	box.setAttribute('aria-describedby', 'message-error');
	const sendButton = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send', title: 'Send' },
		icon(ICONS.send));
	const composer = h('form', { class: 'composer', novalidate: true }, box, sendButton);
	const endButton = h('button', { type: 'button', class: 'end', hidden: true }, 'End chat');
	const endedBar = h('div', { class: 'ended', hidden: true },
		h('p', {}, 'This chat has ended.'),
		h('button', { type: 'button', class: 'primary', onclick: () => restart() }, 'Start a new chat'));
	const availability = h('p', { class: 'msg system availability', role: 'status', hidden: true });
	const conversation = h('section', { class: 'conversation', 'aria-labelledby': 'title' },
		h('div', { class: 'scroller' }, log, availability, typing),
		h('div', { class: 'bottom' }, boxError, composer, h('div', { class: 'actions' }, endButton), endedBar));
	conversation.dataset.screen = 'conversation';
	const scroller = conversation.firstChild;

	const time = (at) => {
		const date = at ? new Date(at) : new Date();
		return h('time', { datetime: date.toISOString() },
			date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
	};
	const stickToBottom = () => {
		scroller.scrollTop = scroller.scrollHeight;
	};
	const bubble = (from, text, at, name) => {
		if (from === 'SYSTEM') {
			return h('li', { class: 'msg system' }, h('p', { class: 'text' }, text));
		}
		const agent = from === 'AGENT';
		const li = h('li', { class: 'msg ' + (agent ? 'agent' : 'customer') }, agent && name ? h('p', { class: 'who' }, name) : null,
			h('div', { class: 'bubble' }, h('p', { class: 'text' }, text)),
			h('p', { class: 'meta' }, agent ? null : h('span', { class: 'sr-only' }, 'You, '), time(at)));
		if (agent && name) {
			li.dataset.agent = name;
		}
		return li;
	};
	/** The agent's name shows above the first of their messages in a row. */
	const relabel = () => {
		let previous = null;
		for (const li of log.children) {
			const who = li.querySelector(':scope > .who');
			if (who) {
				who.hidden = li.dataset.agent === previous;
			}
			previous = li.dataset.agent || null;
		}
	};
	// The log is in seq order, the stored order both sides see; what has no seq yet (sending) comes last.
	const seqOf = (li) => (li.dataset.seq === undefined ? null : Number(li.dataset.seq));
	/** Puts (or moves) a message at its seq's place; without a seq, at the end. Answers it. */
	const place = (li, seq) => {
		if (seq != null) {
			li.dataset.seq = String(seq);
		}
		const others = [...log.children].filter((item) => item !== li);
		const index = seq == null ? others.length : seqIndex(others, seq, seqOf);
		log.insertBefore(li, others[index] || null);
		relabel();
		stickToBottom();
		return li;
	};
	const append = (li) => place(li, null);
	if (look.welcomeMessage) {
		log.append(h('li', { class: 'msg agent welcome', 'data-seq': '0' },
			h('div', { class: 'bubble' }, h('p', { class: 'text' }, look.welcomeMessage))));
	}
	/** Says whether anybody is available while there is no agent in the chat; nothing once one has joined. */
	const showAvailability = () => {
		const shown = status !== 'ACTIVE' && status !== 'ENDED' && nobodyAvailable();
		const text = shown ? (status === 'QUEUED' ? NOBODY_WAITING : NOBODY_BEFORE) : '';
		if (availability.textContent !== text) {
			availability.textContent = text;
		}
		availability.hidden = !shown;
	};
	showAvailability();

	/** The bubble of the customer's own message {@code clientMessageId}, whether still pending or confirmed. */
	const findOwn = (clientMessageId) => clientMessageId
		&& [...log.querySelectorAll('li[data-cid]')].find((li) => li.dataset.cid === clientMessageId);

	// Sending --------------------------------------------------------------------------------------------------

	const pendingBubble = (item) => {
		const li = bubble('CUSTOMER', item.text, item.at);
		li.classList.add('pending');
		li.dataset.cid = item.clientMessageId;
		li.querySelector('.meta').append(h('span', { class: 'state' }, ' · Sending…'));
		return append(li);
	};
	/** The message has reached Parley: it goes to its seq's place. */
	const markSent = (li, seq) => {
		li.classList.remove('pending', 'failed');
		const state = li.querySelector('.state');
		if (state) {
			state.remove();
		}
		if (seq != null && seqOf(li) !== seq) {
			place(li, seq);
		}
	};
	const markFailed = (item, reason) => {
		const li = findOwn(item.clientMessageId);
		if (li && li.classList.contains('pending')) {
			li.classList.replace('pending', 'failed');
			li.querySelector('.state').textContent = ' · Not sent: ' + reason;
		}
	};
	const reasonOf = (answer) => {
		const problem = answer.body || {};
		if (answer.starting) {
			return problem.detail || problem.title || 'the chat could not start';
		}
		if (answer.status === 401 || answer.status === 404) {
			return 'this chat is no longer available.';
		}
		return (problem.errors && problem.errors[0] && problem.errors[0].message) || problem.detail || problem.title
			|| 'error ' + answer.status;
	};

	// Messages not acknowledged yet: kept through a reload, sent in order, each retried with its id until Parley
	// answers (a chat is started first when there is none).
	const outbox = new Outbox(preview ? null : keys.outbox, {
		send: async (item) => {
			if (!chat) {
				const created = await createChat({});
				if (created.status !== 201) {
					return Object.assign({ starting: true }, created);
				}
			}
			return request('POST', chatPath() + '/messages', { clientMessageId: item.clientMessageId, text: item.text },
				{ token: chat.token });
		},
		sent: (item, body) => {
			const li = findOwn(item.clientMessageId);
			if (li) {
				markSent(li, body && typeof body.seq === 'number' ? body.seq : null);
			}
		},
		failed: (item, answer) => markFailed(item, reasonOf(answer)),
	});
	if (!chat) {
		outbox.clear();
	}

	const sendText = () => {
		const text = box.value;
		if (text.trim() === '' || status === 'ENDED') {
			return;
		}
		if (codePoints(text) > MESSAGE_MAX) {
			boxError.textContent = 'A message can be at most ' + MESSAGE_MAX + ' characters (this one has '
				+ codePoints(text) + ').';
			boxError.hidden = false;
			box.setAttribute('aria-invalid', 'true');
			return;
		}
		boxError.hidden = true;
		box.removeAttribute('aria-invalid');
		pendingBubble(outbox.add(text));
		box.value = '';
		grow();
		stopTyping();
		outbox.flush();
	};

	const grow = () => {
		box.style.height = 'auto';
		box.style.height = Math.min(box.scrollHeight, 140) + 'px';
	};
	composer.addEventListener('submit', (event) => {
		event.preventDefault();
		sendText();
		box.focus();
	});
	box.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
			event.preventDefault();
			sendText();
		}
	});

	// Typing ---------------------------------------------------------------------------------------------------

	let typingSentAt = 0;
	let typingStop = null;
	const sendTyping = (on) => chat && status !== 'ENDED'
		&& request('POST', chatPath() + '/typing', { typing: on }, { token: chat.token, once: true });
	const stopTyping = () => {
		clearTimeout(typingStop);
		if (typingSentAt) {
			typingSentAt = 0;
			sendTyping(false);
		}
	};
	box.addEventListener('input', () => {
		grow();
		if (!boxError.hidden && codePoints(box.value) <= MESSAGE_MAX) {
			boxError.hidden = true;
			box.removeAttribute('aria-invalid');
		}
		if (status !== 'ACTIVE') {
			return;
		}
		if (box.value === '') {
			stopTyping();
			return;
		}
		if (Date.now() - typingSentAt > 3000) {
			typingSentAt = Date.now();
			sendTyping(true);
		}
		clearTimeout(typingStop);
		typingStop = setTimeout(stopTyping, 4000);
	});

	// Ending ---------------------------------------------------------------------------------------------------

	async function endChat() {
		if (!chat || status === 'ENDED') {
			return;
		}
		endButton.disabled = true;
		const answer = await request('POST', chatPath() + '/end', {}, { token: chat.token });
		endButton.disabled = false;
		if (answer.status === 200 || answer.status === 204 || answer.status === 409) {
			ended('CUSTOMER');
		}
	}
	endButton.addEventListener('click', endChat);

	// A STATE event may say ENDED before the ENDED event says who ended it: one note, made precise when known.
	let endNote = null;
	const ended = (by, seq) => {
		const text = by === 'CUSTOMER' ? 'You ended the chat.'
			: by === 'AGENT' ? (agentName || 'The agent') + ' ended the chat.' : 'The chat has ended.';
		if (endNote) {
			if (by) {
				endNote.querySelector('.text').textContent = text;
			}
			return;
		}
		setState('ENDED', {});
		endNote = place(bubble('SYSTEM', text), seq);
		if (live) {
			play('ended');
		}
	};

	const restart = () => {
		stopStream();
		forgetChat();
		agentName = null;
		queueInfo = { position: null, wait: null, available: null };
		served = false;
		[...log.children].forEach((li) => li.classList.contains('welcome') || li.remove());
		endNote = null;
		queueScreen = null;
		seenClientIds.clear();
		endedBar.hidden = true;
		composer.hidden = false;
		endButton.hidden = true;
		subtitle.textContent = '';
		typing.hidden = true;
		showAvailability();
		begin(true);
	};

	// ---- State and events -------------------------------------------------------------------------------------

	const setState = (state, event) => {
		const before = status;
		status = state;
		// A STATE event (and the start's answer) says all of these: null is news too (no estimate now).
		if ('queuePosition' in event) {
			queueInfo.position = event.queuePosition;
		}
		if ('estimatedWaitSeconds' in event) {
			queueInfo.wait = event.estimatedWaitSeconds;
		}
		if ('agentsAvailable' in event) {
			queueInfo.available = event.agentsAvailable;
		}
		if (event.agentName) {
			agentName = event.agentName;
		}
		if (state === 'QUEUED') {
			// Also back in the queue after an agent had the chat: no agent types then.
			typing.hidden = true;
			subtitle.textContent = queueInfo.position && (!waiting || served)
				? 'Waiting for an agent · ' + aheadText(queueInfo.position) : 'Waiting for an agent…';
			if (waiting && !served) {
				queueScreen = queueScreen && queueScreen.isConnected ? queueScreen : makeQueueScreen();
				queueScreen.update();
				if (main.firstChild !== queueScreen) {
					const hadFocus = main.contains(doc.activeElement);
					show(queueScreen);
					if (hadFocus) {
						queueScreen.querySelector('button').focus();
					}
				}
			}
			else {
				showConversation();
			}
		}
		else if (state === 'ACTIVE') {
			served = true;
			subtitle.textContent = agentName ? 'You are chatting with ' + agentName : 'An agent has joined';
			if (before !== 'ACTIVE') {
				place(bubble('SYSTEM', (agentName || 'An agent') + ' joined the chat.'), event.seq);
			}
			const hadFocus = main.contains(doc.activeElement) || doc.activeElement === doc.body;
			showConversation();
			if (before !== 'ACTIVE' && live) {
				play('joined');
				if (hadFocus) {
					box.focus();
				}
			}
		}
		else if (state === 'ENDED') {
			subtitle.textContent = '';
			typing.hidden = true;
			composer.hidden = true;
			endButton.hidden = true;
			endedBar.hidden = false;
			showConversation();
		}
		endButton.hidden = !chat || state === 'ENDED';
		showAvailability();
	};

	const showConversation = () => {
		if (main.firstChild !== conversation) {
			show(conversation);
			stickToBottom();
		}
	};

	let typingTimer = null;
	let stateSeq = 0; // the seq of the state shown: a STATE that comes later with a lower one is older news
	const seenClientIds = new Set();
	/** Applies one event (the events module hands over each once, in seq order unless one came late). */
	const onEvent = (event) => {
		if (!event || typeof event.seq !== 'number') {
			return;
		}
		lastSeq = Math.max(lastSeq, event.seq);
		switch (event.type) {
			case 'STATE':
				if (event.seq < stateSeq) {
					break;
				}
				stateSeq = event.seq;
				if (event.state === 'ENDED') {
					ended(event.endedBy, event.seq);
				}
				else if (status !== 'ENDED') {
					setState(event.state, event);
				}
				break;
			case 'MESSAGE': {
				if (event.clientMessageId) {
					seenClientIds.add(event.clientMessageId);
				}
				const mine = event.from === 'CUSTOMER' && findOwn(event.clientMessageId);
				if (mine) {
					outbox.drop(new Set([event.clientMessageId])); // Parley has it, whatever became of the answer
					markSent(mine, event.seq);
					break;
				}
				const said = place(bubble(event.from, event.text || '', event.at, event.agentName || agentName), event.seq);
				if (event.from === 'CUSTOMER' && event.clientMessageId) {
					said.dataset.cid = event.clientMessageId;
				}
				if (event.from === 'AGENT') {
					typing.hidden = true;
					if (live) {
						play('message');
						sayToHost('unread');
					}
				}
				break;
			}
			case 'TYPING':
				if (event.from === 'AGENT' && live && status !== 'ENDED') {
					typing.querySelector('.typing-text').textContent = (agentName || 'The agent') + ' is typing…';
					typing.hidden = !event.typing;
					clearTimeout(typingTimer);
					// A lost "stopped typing" must not leave the indicator on for ever.
					typingTimer = event.typing ? setTimeout(() => {
						typing.hidden = true;
					}, 15000) : null;
					stickToBottom();
				}
				break;
			case 'ENDED':
				ended(event.endedBy, event.seq);
				stopStream();
				break;
			default:
				break;
		}
	};

	// ---- Real time: the events module's feed (WebSocket, else the long poll), resuming after the last seq ---------

	let feed = null;

	const stopStream = () => {
		if (feed) {
			feed.stop();
			feed = null;
		}
	};

	const lost = () => {
		forgetChat();
		stopStream();
		append(bubble('SYSTEM', 'This chat is no longer available.'));
		setState('ENDED', {});
	};

	const connect = () => {
		stopStream();
		if (!chat || status === 'ENDED') {
			return;
		}
		const path = chatPath();
		const token = chat.token;
		feed = follow({
			position: lastSeq,
			positionOf: (event) => event.seq,
			socketUrl: (after) => path + '/stream?' + new URLSearchParams({ token, after: String(after || 0) }),
			poll: async (after) => {
				const answer = await exchange('GET', path + '/events?after=' + (after || 0) + '&waitSeconds=25',
					{ credentials: 'omit', headers: { Authorization: 'Bearer ' + token } });
				return answer.status === 200 ? { events: (answer.body && answer.body.events) || [] }
					: answer.status === 401 || answer.status === 404 ? { gone: true } : { failed: answer };
			},
			apply: onEvent,
			goneCodes: [4401, 4404, 1008],
			gone: lost,
			transport: (name) => {
				html.dataset.transport = name;
			},
			trouble: troubleFrom('feed'),
		});
	};

	// ---- Start ------------------------------------------------------------------------------------------------

	const begin = async (focus) => {
		if (chat) {
			showConversation();
			// The history is replayed quietly (no sounds, no stale typing indicator), then the stream goes live.
			const answer = await request('GET', chatPath() + '/events?after=0&waitSeconds=0', undefined,
				{ token: chat.token });
			if (answer.status === 401 || answer.status === 404) {
				forgetChat();
				begin(focus);
				return;
			}
			((answer.body && answer.body.events) || []).forEach(onEvent);
			// Messages stored just before the reload are in the history already; the rest are sent again.
			outbox.drop(seenClientIds);
			outbox.items.forEach(pendingBubble);
			live = true;
			if (status !== 'ENDED') {
				connect();
				outbox.flush();
			}
		}
		else if (preChat) {
			show(preChatScreen());
		}
		else {
			showConversation();
		}
		if (focus) {
			focusFirst();
		}
	};

	// The preview's waiting and ended states, played without a server.
	const SAMPLE = 'Hello, I have a question about my order.';
	if (preview === 'queue') {
		queueInfo = { position: 3, wait: 240 };
		if (!waiting) {
			log.append(bubble('CUSTOMER', SAMPLE));
		}
		setState('QUEUED', {});
		if (waiting) {
			// The profile's message first: it is what the console user is editing.
			queueScreen.rotate();
		}
		endButton.hidden = false;
		html.dataset.previewShown = preview;
	}
	else if (preview === 'ended') {
		agentName = 'Alex';
		log.append(bubble('CUSTOMER', SAMPLE));
		setState('ACTIVE', {});
		append(bubble('AGENT', 'It left our warehouse this morning and should be with you tomorrow.', null, agentName));
		append(bubble('CUSTOMER', 'Great, thank you!'));
		ended('AGENT');
		html.dataset.previewShown = preview;
	}
	else {
		begin(!hostOrigin).then(() => sayToHost('ready'));
	}
})();
