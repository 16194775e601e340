// The agent console: lists the agent's open chats, follows their feed and writes, types and ends chats through the
// console's JSON endpoints. The feed comes over a WebSocket, or by long poll where sockets do not get through; both
// carry the same events, each with the agent's cursor, and every (re)connection resumes after the last event applied,
// so nothing is missed and nothing applied twice. Every text from a customer or a profile goes into the page with
// textContent, never as markup.

const root = document.querySelector('[data-agent-console]');
const api = root.dataset.api;
const csrfToken = document.querySelector('meta[name="csrf-token"]');
const csrfHeader = document.querySelector('meta[name="csrf-header"]');
const $ = (selector) => root.querySelector(selector);
const TITLE = document.title;

const chats = new Map();
let selected = null;

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const backoff = (attempt) => Math.min(30, 2 ** attempt) * (0.8 + Math.random() * 0.4);

async function call(method, path, body) {
	const headers = { Accept: 'application/json' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	if (method !== 'GET' && csrfToken && csrfHeader) {
		headers[csrfHeader.content] = csrfToken.content;
	}
	const response = await fetch(api + path, {
		method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (response.status === 401 || response.redirected) {
		location.reload();
		throw new Error('Signed out');
	}
	const answer = response.status === 204 ? null : await response.json().catch(() => null);
	if (!response.ok) {
		const error = new Error((answer && (answer.detail || answer.title)) || 'Request failed (' + response.status + ')');
		error.status = response.status;
		throw error;
	}
	return answer;
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
	try {
		const start = audio.currentTime + 0.01;
		for (const [frequency, offset, length] of TUNES[playing]) {
			const oscillator = audio.createOscillator();
			const gain = audio.createGain();
			oscillator.frequency.value = frequency;
			gain.gain.setValueAtTime(0.0001, start + offset);
			gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + length);
			oscillator.connect(gain).connect(audio.destination);
			oscillator.start(start + offset);
			oscillator.stop(start + offset + length + 0.05);
		}
	}
	catch (e) {
		// As above.
	}
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

/** Adds a message unless the chat has it already (by seq, or as the pending copy of a send); answers whether it was new. */
function addMessage(chat, message) {
	if (message.clientMessageId) {
		const index = chat.messages.findIndex((m) => m.clientMessageId === message.clientMessageId && m.from === message.from);
		if (index >= 0) {
			const known = chat.messages[index].seq != null;
			chat.messages[index] = message;
			return !known;
		}
	}
	if (message.seq != null && chat.messages.some((m) => m.seq === message.seq)) {
		return false;
	}
	chat.messages.push(message);
	return true;
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

async function send() {
	const text = $('[data-text]');
	const chat = selected && chats.get(selected);
	if (!chat || !text.value.trim()) {
		return;
	}
	const message = { from: 'AGENT', text: text.value, clientMessageId: crypto.randomUUID(), pending: true };
	text.value = '';
	stopTyping(chat.chatId);
	addMessage(chat, message);
	renderConversation();
	renderList();
	const error = $('[data-send-error]');
	error.hidden = true;
	// A lost answer is retried with the same id: the server stores the message once.
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const stored = await call('POST', '/chats/' + chat.chatId + '/messages',
				{ clientMessageId: message.clientMessageId, text: message.text });
			addMessage(chat, stored);
			renderConversation();
			return;
		}
		catch (e) {
			if (e.status && e.status < 500) {
				chat.messages = chat.messages.filter((m) => m !== message);
				text.value = message.text;
				error.textContent = e.message;
				error.hidden = false;
				renderConversation();
				return;
			}
			await sleep(attempt + 1);
		}
	}
	error.textContent = 'The message could not be sent. Check the connection and send it again.';
	error.hidden = false;
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
	const chat = { ...item, messages: [], unread: 0, fresh, customerTyping: false, state: transcript.state };
	for (const message of transcript.messages) {
		addMessage(chat, message);
	}
	if (fresh) {
		chat.unread = chat.messages.filter((m) => m.from === 'CUSTOMER').length;
	}
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
			chat.state = event.state || chat.state;
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

// --- following the feed: a WebSocket, else the long poll -----------------------------------------------------

let cursor = null; // the last event applied; every connection resumes after it
let generation = 0; // which connection's events count; a new connection ends the one before
let socket = null;
let socketFailures = 0; // sockets in a row that closed without ever opening
let socketDrops = 0; // sockets in a row that closed soon after opening
let retryTimer = null;
let probeTimer = null;
let probeSeconds = 30;
let applying = Promise.resolve();

const socketsPossible = () => 'WebSocket' in window;

function showConnection(text) {
	const note = $('[data-connection]');
	note.textContent = text || '';
	note.hidden = !text;
}

/** Ends the current connection (its late events are dropped) and answers the next one's number. */
function stop() {
	generation += 1;
	clearTimeout(retryTimer);
	clearTimeout(probeTimer);
	if (socket) {
		const old = socket;
		socket = null;
		old.close();
	}
	return generation;
}

/** Applies events in order, one connection's at a time, skipping any at or before the cursor. */
function receive(id, events) {
	applying = applying.then(() => applyEvents(id, events)).catch((e) => reconnectLater(id, e));
	return applying;
}

function reconnectLater(id, error) {
	if (id === generation) {
		stop();
		showConnection('Reconnecting… (' + error.message + ')');
		retryTimer = setTimeout(follow, backoff(2) * 1000);
	}
}

async function applyEvents(id, events) {
	let changed = false;
	for (const event of events) {
		if (id !== generation) {
			return;
		}
		if (cursor != null && Number(event.cursor) <= Number(cursor)) {
			continue;
		}
		try {
			await handle(event);
		}
		catch (e) {
			// Not applied: reconnect later and have it again, after the last event that was.
			reconnectLater(id, e);
			break;
		}
		cursor = event.cursor;
		changed = true;
	}
	if (changed) {
		renderList();
		renderConversation();
	}
	playChime();
}

function streamUrl() {
	const url = new URL(root.dataset.stream, location.href);
	url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
	if (cursor != null) {
		url.searchParams.set('after', cursor);
	}
	return url;
}

/**
 * Opens a socket after the cursor. {@code opened} decides, when it opens, which connection its events belong to;
 * {@code failed} runs when it closes without having opened (or cannot even be made).
 */
function openSocket(opened, failed) {
	let ws;
	try {
		ws = new WebSocket(streamUrl());
	}
	catch (e) {
		setTimeout(failed, 0);
		return;
	}
	let id = null;
	let openedAt = 0;
	ws.addEventListener('open', () => {
		openedAt = Date.now();
		id = opened(ws);
		// Parley may have set the agent away while the console was disconnected.
		refreshPresence();
	});
	ws.addEventListener('message', (message) => {
		let event;
		try {
			event = JSON.parse(message.data);
		}
		catch (e) {
			return;
		}
		if (id === generation) {
			receive(id, [event]);
		}
	});
	ws.addEventListener('close', (event) => {
		if (id === null) {
			failed();
			return;
		}
		if (id !== generation) {
			return;
		}
		socket = null;
		if (event.code === 4401 || event.code === 1008) {
			// The login has ended (logged out, timed out, or someone logged in anew): the page shows who is in now.
			location.reload();
			return;
		}
		// Sockets that keep dropping soon after they open (a proxy that cuts them) count as not getting through.
		socketDrops = Date.now() - openedAt < 10000 ? socketDrops + 1 : 0;
		if (socketDrops >= 3) {
			socketDrops = 0;
			socketFailures = 2;
		}
		showConnection('Reconnecting…');
		retryTimer = setTimeout(follow, socketDrops > 1 ? backoff(socketDrops - 1) * 1000 : 500);
	});
}

/** (Re)connects after the cursor: a WebSocket unless sockets do not get through (see above), else the long poll. */
function follow() {
	const id = stop();
	if (socketsPossible() && socketFailures < 2) {
		openSocket((ws) => {
			if (id !== generation) {
				ws.close();
				return -1;
			}
			socket = ws;
			socketFailures = 0;
			root.dataset.transport = 'websocket';
			showConnection('');
			return id;
		}, () => {
			if (id !== generation) {
				return;
			}
			socketFailures += 1;
			retryTimer = setTimeout(follow, socketFailures >= 2 ? 0 : backoff(socketFailures) * 1000);
		});
		return;
	}
	root.dataset.transport = 'long-poll';
	poll(id);
	if (socketsPossible()) {
		probeTimer = setTimeout(() => probe(id), probeSeconds * 1000);
	}
}

/** While on the long poll, a socket is tried now and then; one that opens takes over from the poll. */
function probe(pollId) {
	openSocket((ws) => {
		if (pollId !== generation) {
			ws.close();
			return -1;
		}
		const id = stop();
		socket = ws;
		socketFailures = 0;
		probeSeconds = 30;
		root.dataset.transport = 'websocket';
		showConnection('');
		return id;
	}, () => {
		if (pollId === generation) {
			probeSeconds = Math.min(300, probeSeconds * 2);
			probeTimer = setTimeout(() => probe(pollId), probeSeconds * 1000);
		}
	});
}

async function poll(id) {
	for (let failures = 0; id === generation;) {
		try {
			const answer = await call('GET', '/events?waitSeconds=25' + (cursor != null ? '&after=' + encodeURIComponent(cursor) : ''));
			if (id !== generation) {
				return;
			}
			if (failures > 0) {
				refreshPresence();
			}
			failures = 0;
			showConnection('');
			await receive(id, answer.events);
			if (cursor == null && id === generation) {
				cursor = answer.cursor;
			}
		}
		catch (e) {
			if (id !== generation) {
				return;
			}
			showConnection('Reconnecting… (' + e.message + ')');
			await sleep(backoff(++failures));
		}
	}
}

// --- start ---------------------------------------------------------------------------------------------------

(async () => {
	showSound();
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
	renderList();
	if (chats.size > 0) {
		select(chats.keys().next().value);
	}
	follow();
})();
