// The agent console: lists the agent's open chats, follows their feed and writes, types and ends chats through the
// console's JSON endpoints. The feed and the outbox are the events module the widget's chat window uses too: the feed
// comes over a WebSocket, or by long poll where sockets do not get through, each event with the agent's cursor, and
// every (re)connection resumes after the last event applied, so nothing is missed and nothing applied twice; a reply
// waits in the chat's outbox (kept in this browser) until Parley has it. Each chat is shown in seq order, the order
// stored. Every text from a customer or a profile goes into the page with textContent, never as markup.

import { Outbox, backoff, exchange, follow, persist, playTune, seqIndex, sleep, store } from '../../widget/events.js';

const root = document.querySelector('[data-agent-console]');
const api = root.dataset.api;
const csrfToken = document.querySelector('meta[name="csrf-token"]');
const csrfHeader = document.querySelector('meta[name="csrf-header"]');
const $ = (selector) => root.querySelector(selector);
const TITLE = document.title;

const chats = new Map();
let selected = null;

const OUTBOX = 'parley.agent.outbox.';

const headersFor = (method) => (method !== 'GET' && csrfToken && csrfHeader ? { [csrfHeader.content]: csrfToken.content } : {});

/** The login has ended (logged out, timed out, or someone logged in anew): the page shows who is in now. */
function signedOut() {
	location.reload();
	throw new Error('Signed out');
}

const problemOf = (answer) => (answer.status === 0 ? 'Parley does not answer.'
	: (answer.body && (answer.body.detail || answer.body.title)) || 'Request failed (' + answer.status + ')');

/** One request; answers the body of a 2xx answer, else throws an Error with the status (0: no answer). */
async function call(method, path, body) {
	const answer = await exchange(method, api + path, { body, headers: headersFor(method) });
	if (answer.status === 401 || answer.redirected) {
		signedOut();
	}
	if (answer.status < 200 || answer.status >= 300) {
		const error = new Error(problemOf(answer));
		error.status = answer.status;
		throw error;
	}
	return answer.body;
}

const element = (tag, className, text) => {
	const node = document.createElement(tag);
	if (className) {
		node.className = className;
	}
	if (text != null) {
		node.textContent = text;
	}
	return node;
};

const time = (iso) => {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
};

const title = (chat) => {
	const answers = chat.preChat || {};
	const who = answers.name || answers.fullName || answers.email || Object.values(answers).find((v) => typeof v === 'string');
	return who ? String(who) : 'Customer';
};

// --- status --------------------------------------------------------------------------------------------------

function showPresence(presence) {
	for (const button of root.querySelectorAll('[data-status]')) {
		button.setAttribute('aria-pressed', String(button.dataset.status === presence.status));
	}
	$('[data-capacity]').textContent = presence.activeChats + ' of ' + presence.maxConcurrentChats + ' chats';
	// Set away by Parley while this console was disconnected: it stays away until the agent chooses again.
	$('[data-away-disconnected]').hidden = presence.awayReason !== 'DISCONNECTED';
}

const refreshPresence = () => call('GET', '/status').then(showPresence, () => {});

root.addEventListener('click', async (event) => {
	const button = event.target.closest('[data-status]');
	if (!button) {
		return;
	}
	try {
		showPresence(await call('POST', '/status', { status: button.dataset.status }));
	}
	catch (e) {
		showConnection('The status could not be changed: ' + e.message);
	}
});

// --- what needs the agent: unread counts, the title, sounds ---------------------------------------------------

// A chat counts as read while it is open on a page the agent can see.
const visible = () => document.visibilityState === 'visible';
const seen = (chat) => chat.chatId === selected && visible();

function markSeen() {
	const chat = selected && chats.get(selected);
	if (chat && visible() && (chat.unread || chat.fresh)) {
		chat.unread = 0;
		chat.fresh = false;
		renderList();
	}
	renderTitle();
}

document.addEventListener('visibilitychange', markSeen);
addEventListener('focus', markSeen);

// The title counts unread messages, and new chats not opened yet that have none, so it shows in the tab strip.
function renderTitle() {
	let waiting = 0;
	for (const chat of chats.values()) {
		waiting += chat.unread || (chat.fresh ? 1 : 0);
	}
	document.title = waiting > 0 ? '(' + waiting + ') ' + TITLE : TITLE;
}

const SOUND_KEY = 'parley.agent.sound';
const TUNES = {
	chat: [[587, 0, 0.14], [880, 0.15, 0.3]],
	message: [[784, 0, 0.14]],
};
let soundOn = true;
try {
	soundOn = localStorage.getItem(SOUND_KEY) !== 'off';
}
catch (e) {
	// No storage (a locked-down browser): sounds stay on for this page.
}
let audio = null;

function showSound() {
	const toggle = $('[data-sound]');
	toggle.setAttribute('aria-pressed', String(soundOn));
	$('[data-sound-state]').textContent = soundOn ? 'on' : 'off';
}

$('[data-sound]').addEventListener('click', () => {
	soundOn = !soundOn;
	try {
		localStorage.setItem(SOUND_KEY, soundOn ? 'on' : 'off');
	}
	catch (e) {
		// Remembered for this page only.
	}
	showSound();
});

// Browsers let a page make sound only after the user has done something on it: the first click or key press
// starts the audio, and sounds before that are skipped.
function wakeAudio() {
	try {
		audio = audio || new AudioContext();
		if (audio.state === 'suspended') {
			audio.resume().catch(() => {});
		}
	}
	catch (e) {
		// No audio on this device; sounds are a courtesy.
	}
}
addEventListener('pointerdown', wakeAudio, { capture: true, passive: true });
addEventListener('keydown', wakeAudio, { capture: true, passive: true });

// One sound for a batch of events (a long poll may bring several): a new chat's, else a message's.
let tune = null;
const chime = (name) => {
	tune = tune === 'chat' ? tune : name;
};

function playChime() {
	const playing = tune;
	tune = null;
	if (!playing || !soundOn || !audio || audio.state !== 'running') {
		return;
	}
	playTune(audio, TUNES[playing], 0.2);
}

// --- the list ------------------------------------------------------------------------------------------------

function unreadBadge(chat) {
	if (chat.unread > 0) {
		const badge = element('span', 'unread');
		const count = element('span', null, String(chat.unread));
		count.setAttribute('aria-hidden', 'true');
		badge.append(count, element('span', 'visually-hidden',
				chat.unread === 1 ? '1 unread message' : chat.unread + ' unread messages'));
		return badge;
	}
	return chat.fresh ? element('span', 'unread unread-new', 'New') : null;
}

function renderList() {
	const list = $('[data-chat-list]');
	// The list is drawn afresh; a keyboard user on one of its chats stays there.
	const focused = document.activeElement && document.activeElement.closest('[data-chat]');
	const focusedChat = focused && list.contains(focused) ? focused.dataset.chat : null;
	list.replaceChildren();
	const open = [...chats.values()].sort((a, b) => String(a.assignedAt || a.createdAt).localeCompare(String(b.assignedAt || b.createdAt)));
	for (const chat of open) {
		const item = element('li');
		const button = element('button', 'chat-item');
		button.type = 'button';
		button.dataset.chat = chat.chatId;
		button.setAttribute('aria-current', String(chat.chatId === selected));
		const head = element('span', 'chat-item-head');
		head.append(element('span', 'chat-item-title', title(chat)));
		const badge = unreadBadge(chat);
		if (badge) {
			head.append(badge);
		}
		button.append(head);
		button.append(element('span', 'chat-item-meta', (chat.pointOfContactName || 'Point of contact')
			+ (chat.unassigned ? ' · back in the queue' : chat.state === 'ENDED' ? ' · ended' : '')));
		const last = chat.messages[chat.messages.length - 1];
		if (last) {
			button.append(element('span', 'chat-item-last', (last.from === 'AGENT' ? 'You: ' : '') + last.text));
		}
		item.append(button);
		list.append(item);
		if (chat.chatId === focusedChat) {
			button.focus();
		}
	}
	$('[data-no-chats]').hidden = open.length > 0;
	renderTitle();
}

root.addEventListener('click', (event) => {
	const item = event.target.closest('[data-chat]');
	if (item) {
		select(item.dataset.chat);
	}
});

// --- the conversation ----------------------------------------------------------------------------------------

function select(chatId) {
	selected = chatId;
	markSeen();
	renderList();
	renderConversation();
	const chat = chats.get(chatId);
	if (chat && chat.state !== 'ENDED') {
		$('[data-text]').focus();
	}
}

function renderConversation() {
	const chat = selected && chats.get(selected);
	$('[data-conversation-empty]').hidden = !!chat;
	$('[data-conversation-body]').hidden = !chat;
	if (!chat) {
		return;
	}
	$('[data-conversation-title]').textContent = title(chat) + ' · ' + (chat.pointOfContactName || 'Point of contact');
	const prechat = $('[data-prechat]');
	prechat.replaceChildren();
	for (const [key, value] of Object.entries(chat.preChat || {})) {
		prechat.append(element('dt', null, key), element('dd', null, String(value)));
	}
	const list = $('[data-messages]');
	list.replaceChildren();
	for (const message of chat.messages) {
		const item = element('li', 'message from-' + String(message.from).toLowerCase());
		item.append(element('span', 'bubble', message.text));
		item.append(element('span', 'meta', (message.from === 'AGENT' ? 'You' : message.from === 'SYSTEM' ? '' : 'Customer')
			+ (message.at ? ' · ' + time(message.at) : '') + (message.pending ? ' · sending…' : '')));
		list.append(item);
	}
	if (chat.unassigned) {
		list.append(element('li', 'message from-system',
			'You were disconnected too long: the chat went back to the queue and another agent continues it.'));
	}
	else if (chat.state === 'ENDED') {
		list.append(element('li', 'message from-system', 'The chat has ended.'));
	}
	list.scrollTop = list.scrollHeight;
	$('[data-typing]').hidden = !chat.customerTyping;
	const ended = chat.state === 'ENDED' || chat.unassigned;
	$('[data-text]').disabled = ended;
	$('[data-send]').disabled = ended;
	$('[data-end]').hidden = ended;
	$('[data-dismiss]').hidden = !ended;
}

/**
 * Adds a message at its seq's place (the stored order; one not acknowledged yet goes last) unless the chat has it
 * already (by seq, or as the pending copy of a send, which then moves to its place); answers whether it was new.
 */
function addMessage(chat, message) {
	let known = false;
	if (message.clientMessageId) {
		const index = chat.messages.findIndex((m) => m.clientMessageId === message.clientMessageId && m.from === message.from);
		if (index >= 0) {
			known = chat.messages[index].seq != null;
			if (known || message.seq == null) {
				return false;
			}
			chat.messages.splice(index, 1);
		}
	}
	if (message.seq != null && chat.messages.some((m) => m.seq === message.seq)) {
		return false;
	}
	const at = message.seq == null ? chat.messages.length
		: seqIndex(chat.messages, message.seq, (m) => (m.seq == null ? null : m.seq));
	chat.messages.splice(at, 0, message);
	return !known;
}

$('[data-composer]').addEventListener('submit', (event) => {
	event.preventDefault();
	send();
});

$('[data-text]').addEventListener('keydown', (event) => {
	if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
		event.preventDefault();
		send();
	}
});

let typingSent = false;
let typingTimer = null;
$('[data-text]').addEventListener('input', () => {
	if (!selected) {
		return;
	}
	const chatId = selected;
	if (!typingSent) {
		typingSent = true;
		call('POST', '/chats/' + chatId + '/typing', { typing: true }).catch(() => {});
	}
	clearTimeout(typingTimer);
	typingTimer = setTimeout(() => stopTyping(chatId), 4000);
});

function stopTyping(chatId) {
	clearTimeout(typingTimer);
	if (typingSent) {
		typingSent = false;
		call('POST', '/chats/' + chatId + '/typing', { typing: false }).catch(() => {});
	}
}

/**
 * The chat's outbox: replies not acknowledged yet, kept in this browser under the chat's id through a reload or a
 * time Parley is away, sent in order, each until Parley answers (with its clientMessageId, so stored once).
 */
function outboxOf(chat) {
	const chatId = chat.chatId;
	return new Outbox(OUTBOX + chatId, {
		send: async (item) => {
			const answer = await persist('POST', api + '/chats/' + chatId + '/messages',
				{ body: { clientMessageId: item.clientMessageId, text: item.text }, headers: headersFor('POST') });
			if (answer.status === 401 || answer.redirected) {
				signedOut(); // the reply stays in the outbox for after the login
			}
			return answer;
		},
		sent: (item, stored) => {
			const current = chats.get(chatId) || chat;
			addMessage(current, stored && stored.seq != null ? stored
				: { from: 'AGENT', text: item.text, clientMessageId: item.clientMessageId, at: item.at });
			renderConversation();
			renderList();
		},
		failed: (item, answer) => {
			// Parley refused it (the chat has ended, the text is too long): it goes back to the agent.
			const current = chats.get(chatId) || chat;
			current.messages = current.messages.filter((m) => !(m.pending && m.clientMessageId === item.clientMessageId));
			if (selected === chatId) {
				const text = $('[data-text]');
				if (!text.value.trim()) {
					text.value = item.text;
				}
				const error = $('[data-send-error]');
				error.textContent = problemOf(answer);
				error.hidden = false;
			}
			renderConversation();
			renderList();
		},
	});
}

/** Shows a reply as sending. */
const pending = (item) => ({ from: 'AGENT', text: item.text, clientMessageId: item.clientMessageId, at: item.at, pending: true });

function send() {
	const text = $('[data-text]');
	const chat = selected && chats.get(selected);
	if (!chat || !text.value.trim() || chat.state === 'ENDED') {
		return;
	}
	const item = chat.outbox.add(text.value);
	text.value = '';
	stopTyping(chat.chatId);
	addMessage(chat, pending(item));
	$('[data-send-error]').hidden = true;
	renderConversation();
	renderList();
	chat.outbox.flush();
}

$('[data-end]').addEventListener('click', async () => {
	const chat = selected && chats.get(selected);
	if (!chat) {
		return;
	}
	try {
		await call('POST', '/chats/' + chat.chatId + '/end');
		chat.state = 'ENDED';
		renderConversation();
		renderList();
		showPresence(await call('GET', '/status'));
	}
	catch (e) {
		showConnection('The chat could not be ended: ' + e.message);
	}
});

// An ended chat stays until the agent has read it and closes it here (a reload lists open chats only).
$('[data-dismiss]').addEventListener('click', () => {
	const chat = selected && chats.get(selected);
	if (!chat || (chat.state !== 'ENDED' && !chat.unassigned)) {
		return;
	}
	chats.delete(chat.chatId);
	chat.outbox.clear();
	selected = null;
	renderList();
	renderConversation();
	const next = root.querySelector('[data-chat]');
	(next || $('[data-status="AVAILABLE"]')).focus();
});

// --- applying the feed ---------------------------------------------------------------------------------------

/** A chat as the list answers it, with its transcript; not kept until all of it is there. */
async function load(item, fresh) {
	const transcript = await call('GET', '/chats/' + item.chatId + '/transcript');
	const chat = { ...item, messages: [], unread: 0, fresh, customerTyping: false, state: transcript.state, stateSeq: 0 };
	for (const message of transcript.messages) {
		addMessage(chat, message);
	}
	if (fresh) {
		chat.unread = chat.messages.filter((m) => m.from === 'CUSTOMER').length;
	}
	// Replies written before a reload that Parley has not got yet: shown as sending, and sent.
	chat.outbox = outboxOf(chat);
	chat.outbox.drop(new Set(chat.messages.filter((m) => m.from === 'AGENT').map((m) => m.clientMessageId)));
	chat.outbox.items.forEach((waiting) => addMessage(chat, pending(waiting)));
	return chat;
}

/** The chats assigned since the list was read: each comes with a sound, its customer's messages unread. */
async function addNewChats() {
	const list = await call('GET', '/chats');
	let added = false;
	for (const item of list.items) {
		if (!chats.has(item.chatId)) {
			chats.set(item.chatId, await load(item, true));
			added = true;
		}
	}
	if (added) {
		chime('chat');
		refreshPresence();
	}
}

async function handle(event) {
	const chat = chats.get(event.chatId);
	if (!chat) {
		// A chat this page does not hold: a new one, or one that ended before the page was loaded.
		if (event.type === 'ASSIGNED') {
			await addNewChats();
		}
		return;
	}
	switch (event.type) {
		case 'MESSAGE':
			if (event.from === 'AGENT' && event.clientMessageId) {
				chat.outbox.drop(new Set([event.clientMessageId])); // Parley has it, whatever became of the answer
			}
			if (addMessage(chat, event) && event.from === 'CUSTOMER') {
				if (!seen(chat)) {
					chat.unread += 1;
				}
				if (!seen(chat) || !document.hasFocus()) {
					chime('message');
				}
			}
			if (event.from === 'CUSTOMER') {
				chat.customerTyping = false;
			}
			break;
		case 'TYPING':
			if (event.from === 'CUSTOMER') {
				chat.customerTyping = !!event.typing;
			}
			break;
		case 'STATE':
			// A state that comes after a later one is older news.
			if (event.seq == null || event.seq >= chat.stateSeq) {
				chat.stateSeq = event.seq || chat.stateSeq;
				chat.state = event.state || chat.state;
			}
			break;
		case 'ENDED':
			chat.state = 'ENDED';
			chat.customerTyping = false;
			refreshPresence();
			break;
		case 'UNASSIGNED':
			// Taken from this agent, gone too long, and back in the queue: read-only here from now on.
			chat.unassigned = true;
			chat.customerTyping = false;
			refreshPresence();
			break;
		default:
			break;
	}
}

// --- following the feed (the events module: a WebSocket, else the long poll) -----------------------------------

function showConnection(text) {
	const note = $('[data-connection]');
	note.textContent = text || '';
	note.hidden = !text;
}

/** Follows the agent's feed after {@code cursor} (where it stood when the chats were read). */
function followFeed(cursor) {
	return follow({
		position: cursor,
		positionOf: (event) => event.cursor,
		socketUrl: (after) => {
			const url = new URL(root.dataset.stream, location.href);
			if (after != null) {
				url.searchParams.set('after', after);
			}
			return url;
		},
		poll: async (after) => {
			const answer = await exchange('GET', api + '/events?waitSeconds=25'
				+ (after != null ? '&after=' + encodeURIComponent(after) : ''));
			if (answer.status === 401 || answer.redirected) {
				return { gone: true };
			}
			return answer.status === 200 && answer.body ? { events: answer.body.events || [], position: answer.body.cursor }
				: { failed: answer };
		},
		apply: handle,
		applied: () => {
			renderList();
			renderConversation();
			playChime();
		},
		goneCodes: [4401, 1008],
		gone: () => location.reload(),
		transport: (name) => {
			root.dataset.transport = name;
			// (Re)connected: Parley may have set the agent away while the console was disconnected.
			refreshPresence();
		},
		trouble: (problem) => {
			const error = problem && problem.error;
			showConnection(!problem ? '' : 'Reconnecting…' + (error && error.status !== undefined
				? ' (' + problemOf(error) + ')' : error && error.message ? ' (' + error.message + ')' : ''));
		},
	});
}

// --- start ---------------------------------------------------------------------------------------------------

(async () => {
	showSound();
	let cursor = null;
	for (let attempt = 0; ; attempt++) {
		try {
			const list = await call('GET', '/chats');
			for (const item of list.items) {
				chats.set(item.chatId, await load(item, false));
			}
			// The feed is read on from where it stood when the list was read; what the transcripts hold already
			// comes again and is recognised by its seq.
			cursor = list.cursor;
			break;
		}
		catch (e) {
			chats.clear();
			showConnection('The chats could not be loaded: ' + e.message + ' Trying again…');
			await sleep(backoff(attempt));
		}
	}
	showConnection('');
	forgetOutboxesOfClosedChats();
	renderList();
	if (chats.size > 0) {
		select(chats.keys().next().value);
	}
	for (const chat of chats.values()) {
		chat.outbox.flush();
	}
	followFeed(cursor);
})();

/** Replies kept for chats that are no longer open here cannot be sent any more (the chat ended, or was moved). */
function forgetOutboxesOfClosedChats() {
	try {
		for (let i = localStorage.length - 1; i >= 0; i--) {
			const key = localStorage.key(i);
			if (key && key.startsWith(OUTBOX) && !chats.has(key.slice(OUTBOX.length))) {
				store.set(key, null);
			}
		}
	}
	catch (e) {
		// No storage: nothing was kept.
	}
}
