// The agent console: lists the agent's open chats, follows their feed by long poll (cursor-based, so nothing is
// missed across a reconnect), and writes, types and ends chats through the console's JSON endpoints. Every text
// from a customer or a profile goes into the page with textContent, never as markup.

const root = document.querySelector('[data-agent-console]');
const api = root.dataset.api;
const csrfToken = document.querySelector('meta[name="csrf-token"]');
const csrfHeader = document.querySelector('meta[name="csrf-header"]');
const $ = (selector) => root.querySelector(selector);

const chats = new Map();
let selected = null;
let cursor = null;

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
}

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

// --- the list ------------------------------------------------------------------------------------------------

function renderList() {
	const list = $('[data-chat-list]');
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
		if (chat.unread) {
			const dot = element('span', 'unread', 'new');
			head.append(dot);
		}
		button.append(head);
		button.append(element('span', 'chat-item-meta', (chat.pointOfContactName || 'Point of contact')
			+ (chat.state === 'ENDED' ? ' · ended' : '')));
		const last = chat.messages[chat.messages.length - 1];
		if (last) {
			button.append(element('span', 'chat-item-last', (last.from === 'AGENT' ? 'You: ' : '') + last.text));
		}
		item.append(button);
		list.append(item);
	}
	$('[data-no-chats]').hidden = open.length > 0;
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
	const chat = chats.get(chatId);
	if (chat) {
		chat.unread = false;
	}
	renderList();
	renderConversation();
	const text = $('[data-text]');
	if (chat && chat.state !== 'ENDED') {
		text.focus();
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
	if (chat.state === 'ENDED') {
		list.append(element('li', 'message from-system', 'The chat has ended.'));
	}
	list.scrollTop = list.scrollHeight;
	$('[data-typing]').hidden = !chat.customerTyping;
	const ended = chat.state === 'ENDED';
	$('[data-text]').disabled = ended;
	$('[data-send]').disabled = ended;
	$('[data-end]').hidden = ended;
}

function addMessage(chat, message) {
	if (message.clientMessageId) {
		const index = chat.messages.findIndex((m) => m.clientMessageId === message.clientMessageId && m.from === message.from);
		if (index >= 0) {
			chat.messages[index] = message;
			return;
		}
	}
	if (message.seq != null && chat.messages.some((m) => m.seq === message.seq)) {
		return;
	}
	chat.messages.push(message);
}

$('[data-composer]').addEventListener('submit', (event) => {
	event.preventDefault();
	send();
});

$('[data-text]').addEventListener('keydown', (event) => {
	if (event.key === 'Enter' && !event.shiftKey) {
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
			await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
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

// --- the feed ------------------------------------------------------------------------------------------------

async function load(chat) {
	const transcript = await call('GET', '/chats/' + chat.chatId + '/transcript');
	chat.messages = [];
	for (const message of transcript.messages) {
		addMessage(chat, message);
	}
	chat.state = transcript.state;
}

async function refreshList() {
	const list = await call('GET', '/chats');
	for (const item of list.items) {
		if (!chats.has(item.chatId)) {
			const chat = { ...item, messages: [], unread: true };
			chats.set(item.chatId, chat);
			await load(chat);
		}
	}
	return list.cursor;
}

function apply(event) {
	const chat = chats.get(event.chatId);
	if (!chat) {
		return event.type === 'ASSIGNED';
	}
	switch (event.type) {
		case 'MESSAGE':
			addMessage(chat, event);
			chat.customerTyping = false;
			if (event.chatId !== selected && event.from === 'CUSTOMER') {
				chat.unread = true;
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
			break;
		default:
			break;
	}
	return false;
}

function showConnection(text) {
	const note = $('[data-connection]');
	note.textContent = text || '';
	note.hidden = !text;
}

async function follow() {
	for (;;) {
		try {
			const answer = await call('GET', '/events?waitSeconds=25' + (cursor ? '&after=' + encodeURIComponent(cursor) : ''));
			showConnection('');
			let assigned = false;
			for (const event of answer.events) {
				assigned = apply(event) || assigned;
			}
			cursor = answer.cursor;
			if (assigned) {
				await refreshList();
				showPresence(await call('GET', '/status'));
				document.title = 'New chat · Agent · Parley';
			}
			renderList();
			renderConversation();
		}
		catch (e) {
			showConnection('Reconnecting… (' + e.message + ')');
			await new Promise((resolve) => setTimeout(resolve, 3000));
		}
	}
}

addEventListener('focus', () => {
	document.title = 'Agent · Parley';
});

(async () => {
	try {
		cursor = await refreshList();
		for (const chat of chats.values()) {
			chat.unread = false;
		}
		renderList();
		if (chats.size > 0) {
			select(chats.keys().next().value);
		}
	}
	catch (e) {
		showConnection('The chats could not be loaded: ' + e.message);
	}
	follow();
})();
