/*
 * What the widget's chat window (/widget/window.js) and the agent console (/console/js/agent.js) share about talking
 * to Parley, written once: a native ES module, served at /widget/events.js.
 *
 * - follow(): a feed of events over a WebSocket, or by HTTP long poll where sockets do not get through; every
 *   (re)connection resumes after the last event applied and each event is applied once, also one that comes late.
 * - seqIndex(): where an item goes in a list kept in seq order, the stored order both sides must show.
 * - Outbox: messages written and not yet acknowledged, kept in localStorage, sent in order, one at a time, each
 *   retried with its clientMessageId until Parley answers (so a retry after a lost answer is stored once).
 * - exchange() and persist(): one JSON request; the same until there is an answer to act on, waiting as a 429 or 503
 *   with Retry-After says and backing off otherwise.
 * - playTune(): the notification chime both sides play, synthesised (no sound files).
 * Times are in milliseconds throughout.
 */

const SECOND = 1000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait before retry number {@code attempt} (0, 1, …): doubling from 1 s up to 30 s, jittered. */
export const backoff = (attempt) => Math.min(30, 2 ** attempt) * (0.8 + Math.random() * 0.4) * SECOND;

// Back-off waits, which news that Parley answers again cuts short; a Retry-After is always waited in full.
const backingOff = new Set();
const backOff = (ms) => new Promise((resolve) => {
	const done = () => {
		clearTimeout(timer);
		backingOff.delete(done);
		resolve();
	};
	const timer = setTimeout(done, ms);
	backingOff.add(done);
});

/** Parley answers again: whatever backs off after a failure tries again now. */
export const retryNow = () => [...backingOff].forEach((done) => done());

export const uuid = () => (crypto.randomUUID ? crypto.randomUUID()
	: '10000000-1000-4000-8000-100000000000'.replace(/[018]/g,
		(c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));

/** JSON values in localStorage; where storage is blocked (third-party storage off) they last as long as the page. */
export const store = {
	get(key) {
		try {
			return JSON.parse(localStorage.getItem(key));
		}
		catch (e) {
			return null;
		}
	},
	set(key, value) {
		try {
			if (value == null) {
				localStorage.removeItem(key);
			}
			else {
				localStorage.setItem(key, JSON.stringify(value));
			}
		}
		catch (e) {
			// Kept for this page only.
		}
	},
};

/** What a Retry-After header asks for (seconds or an HTTP date), at least 1 s; null without a readable one. */
export const retryAfter = (headers) => {
	const value = headers && headers.get('Retry-After');
	if (!value) {
		return null;
	}
	const seconds = Number(value);
	if (Number.isFinite(seconds)) {
		return Math.max(1, seconds) * SECOND;
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? null : Math.max(SECOND, date - Date.now());
};

/**
 * One request with a JSON body and answer. Answers {status, body, retryAfter, redirected}; status 0 when no answer
 * came at all (the network, or Parley, is away).
 */
export async function exchange(method, url, { body, headers, credentials = 'same-origin' } = {}) {
	const all = Object.assign({ Accept: 'application/json' }, headers);
	if (body !== undefined) {
		all['Content-Type'] = 'application/json';
	}
	let response;
	try {
		response = await fetch(url, {
			method, headers: all, credentials, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
		});
	}
	catch (e) {
		return { status: 0, body: null, retryAfter: null, redirected: false };
	}
	return {
		status: response.status,
		body: response.status === 204 ? null : await response.json().catch(() => null),
		retryAfter: retryAfter(response.headers),
		redirected: response.redirected,
	};
}

/** Whether an answer says to try again later: none at all, a server error, or too many requests. */
export const transient = (answer) => answer.status === 0 || answer.status === 429 || answer.status >= 500;

/** How long to wait after a transient answer: a 429 as told (10 s if not), a 503 at least as told, else back off. */
export const waitAfter = (answer, attempt) => (answer.status === 429 ? answer.retryAfter || 10 * SECOND
	: answer.status === 503 && answer.retryAfter ? Math.max(answer.retryAfter, backoff(attempt)) : backoff(attempt));

/**
 * exchange() until the answer is not transient, and answers it. Before each wait {@code trouble({answer, wait})} is
 * told why and for how long, and {@code trouble(null)} once an answer came.
 */
export async function persist(method, url, options = {}) {
	const trouble = options.trouble || (() => {});
	for (let attempt = 0; ; attempt++) {
		const answer = await exchange(method, url, options);
		if (!transient(answer)) {
			trouble(null);
			if (attempt > 0) {
				retryNow();
			}
			return answer;
		}
		const wait = waitAfter(answer, attempt);
		trouble({ answer, wait });
		await (answer.retryAfter ? sleep(wait) : backOff(wait));
	}
}

/**
 * Where an item with {@code seq} goes in {@code items}, a list in seq order that may end with items without a seq
 * yet (sent, not acknowledged): after the last item whose seq is not greater, before the rest.
 */
export function seqIndex(items, seq, seqOf) {
	for (let i = items.length - 1; i >= 0; i--) {
		const at = seqOf(items[i]);
		if (at != null && at <= seq) {
			return i + 1;
		}
	}
	return 0;
}

/**
 * Messages written and not yet acknowledged, in the order written, kept in localStorage under {@code key} (none: in
 * memory only). {@code flush()} sends them one at a time in that order; {@code send(item)} makes the request and
 * answers the final answer (persist() retries what is transient); then {@code sent(item, body)} or
 * {@code failed(item, answer)} tells the page.
 */
export class Outbox {

	constructor(key, { send, sent, failed }) {
		this.key = key;
		this.items = (key && store.get(key)) || [];
		this.send = send;
		this.sent = sent;
		this.failed = failed;
		this.running = null;
	}

	/** Adds a message (flush() sends it); answers the item ({clientMessageId, text, at}). */
	add(text) {
		const item = { clientMessageId: uuid(), text, at: new Date().toISOString() };
		this.items.push(item);
		this.save();
		return item;
	}

	/** Drops the messages Parley has already (their ids seen in the history after a reload). */
	drop(clientMessageIds) {
		const had = this.items.length;
		this.items = this.items.filter((item) => !clientMessageIds.has(item.clientMessageId));
		if (this.items.length !== had) {
			this.save();
		}
	}

	/** Forgets every message (a new chat begins). */
	clear() {
		this.items = [];
		this.save();
	}

	save() {
		if (this.key) {
			store.set(this.key, this.items.length ? this.items : null);
		}
	}

	/** Sends what waits, unless that is under way; answers when nothing waits any more. */
	flush() {
		this.running = this.running || this.run().finally(() => {
			this.running = null;
		});
		return this.running;
	}

	async run() {
		while (this.items.length) {
			const item = this.items[0];
			const answer = await this.send(item);
			if (this.items[0] !== item) {
				continue; // cleared meanwhile
			}
			this.items.shift();
			this.save();
			if (answer.status >= 200 && answer.status < 300) {
				this.sent(item, answer.body);
			}
			else {
				this.failed(item, answer);
			}
		}
	}
}

/**
 * Follows a feed of events: over a WebSocket, or by long poll where sockets do not get through (two in a row that
 * never open, or three in a row that drop soon after opening); while polling, a socket is tried again after 30 s,
 * doubling up to 5 min, and one that opens takes over. Events are handed to {@code apply} one at a time, each
 * batch in position order, and each once: one that comes late, below the highest position applied, still is.
 * Every (re)connection resumes after the highest position applied.
 *
 * Options: {@code position} to resume after at first (what is at or before it counts as applied);
 * {@code positionOf(event)}, a number (the chat's seq, the agent's feed cursor); {@code socketUrl(after)};
 * {@code poll(after)}, one long poll answering {events, position} (position: where the feed stands, taken when none
 * is known yet), {gone: true}, or {failed: answer or error}; {@code apply(event)}, which may answer a promise, and
 * whose throwing makes the feed reconnect later after the last event applied; {@code applied()} after each batch;
 * {@code gone()} when the feed is not ours any more (a socket closed with one of {@code goneCodes}, or a poll said
 * so); {@code transport(name)} ('websocket' or 'long-poll'); {@code trouble({error, wait})} or {@code trouble(null)}.
 * Answers {stop(), get position()}.
 */
export function follow(options) {
	const positionOf = (event) => Number(options.positionOf(event));
	const transport = options.transport || (() => {});
	const trouble = options.trouble || (() => {});
	const goneCodes = options.goneCodes || [];
	let position = options.position == null ? null : Number(options.position);
	// Positions at or below the floor count as applied; above it, those in the set have been.
	let floor = position == null ? -Infinity : position;
	const applied = new Set();
	let generation = 0; // which connection's events count; a new connection ends the one before
	let socket = null;
	let socketFailures = 0; // sockets in a row that closed without ever opening
	let socketDrops = 0; // sockets in a row that closed soon after opening
	let retryTimer = null;
	let probeTimer = null;
	let probeDelay = 30 * SECOND;
	let troubled = false;
	let stopped = false;
	let applying = Promise.resolve();
	const socketsPossible = () => 'WebSocket' in window;

	const fine = () => {
		trouble(null);
		if (troubled) {
			troubled = false;
			retryNow();
		}
	};
	const troubleFor = (error, wait) => {
		troubled = true;
		trouble({ error, wait });
	};

	/** Ends the current connection (its late events are dropped) and answers the next one's number. */
	const end = () => {
		generation += 1;
		clearTimeout(retryTimer);
		clearTimeout(probeTimer);
		if (socket) {
			const old = socket;
			socket = null;
			old.close();
		}
		return generation;
	};

	const remember = (at) => {
		applied.add(at);
		position = position == null ? at : Math.max(position, at);
		if (applied.size > 2000) {
			// The oldest half counts as applied from now on: only the newest can still come late.
			const sorted = [...applied].sort((a, b) => a - b);
			floor = sorted[999];
			sorted.slice(0, 1000).forEach((old) => applied.delete(old));
		}
	};

	async function applyAll(id, events) {
		const batch = events.filter((event) => event && Number.isFinite(positionOf(event)))
			.sort((a, b) => positionOf(a) - positionOf(b));
		let changed = false;
		try {
			for (const event of batch) {
				const at = positionOf(event);
				if (id !== generation || stopped) {
					return;
				}
				if (at <= floor || applied.has(at)) {
					continue;
				}
				await options.apply(event);
				remember(at);
				changed = true;
			}
		}
		finally {
			if (changed && options.applied) {
				options.applied();
			}
		}
	}

	const reconnectLater = (id, error) => {
		if (id === generation && !stopped) {
			end();
			troubleFor(error, backoff(2));
			retryTimer = setTimeout(connect, backoff(2));
		}
	};

	/** Applies events in order, one connection's at a time. */
	const receive = (id, events) => {
		applying = applying.then(() => applyAll(id, events)).catch((error) => reconnectLater(id, error));
		return applying;
	};

	const socketUrl = () => {
		const url = new URL(options.socketUrl(position), location.href);
		url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
		return url;
	};

	/**
	 * Opens a socket after the position. {@code opened} decides, when it opens, which connection its events belong
	 * to; {@code failed} runs when it closes without having opened (or cannot even be made).
	 */
	function openSocket(opened, failed) {
		let ws;
		try {
			ws = new WebSocket(socketUrl());
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
		});
		ws.addEventListener('message', (message) => {
			let data;
			try {
				data = JSON.parse(message.data);
			}
			catch (e) {
				return;
			}
			if (id === generation) {
				receive(id, Array.isArray(data.events) ? data.events : [data]);
			}
		});
		ws.addEventListener('close', (event) => {
			if (id === null) {
				failed();
				return;
			}
			if (id !== generation || stopped) {
				return;
			}
			socket = null;
			if (goneCodes.includes(event.code)) {
				end();
				options.gone();
				return;
			}
			// Sockets that keep dropping soon after they open (a proxy that cuts them) count as not getting through.
			socketDrops = Date.now() - openedAt < 10 * SECOND ? socketDrops + 1 : 0;
			if (socketDrops >= 3) {
				socketDrops = 0;
				socketFailures = 2;
			}
			const wait = socketDrops > 1 ? backoff(socketDrops - 1) : SECOND / 2;
			troubleFor(new Error('The connection dropped'), wait);
			retryTimer = setTimeout(connect, wait);
		});
	}

	const useSocket = (ws, id) => {
		socket = ws;
		socketFailures = 0;
		probeDelay = 30 * SECOND;
		transport('websocket');
		fine();
		return id;
	};

	/** (Re)connects after the position: a WebSocket unless they do not get through, else the long poll. */
	function connect() {
		if (stopped) {
			return;
		}
		const id = end();
		if (socketsPossible() && socketFailures < 2) {
			openSocket((ws) => {
				if (id !== generation) {
					ws.close();
					return -1;
				}
				return useSocket(ws, id);
			}, () => {
				if (id !== generation) {
					return;
				}
				socketFailures += 1;
				retryTimer = setTimeout(connect, socketFailures >= 2 ? 0 : backoff(socketFailures));
			});
			return;
		}
		transport('long-poll');
		poll(id);
		if (socketsPossible()) {
			probeTimer = setTimeout(() => probe(id), probeDelay);
		}
	}

	/** While on the long poll, a socket is tried now and then; one that opens takes over from the poll. */
	function probe(pollId) {
		openSocket((ws) => {
			if (pollId !== generation) {
				ws.close();
				return -1;
			}
			return useSocket(ws, end());
		}, () => {
			if (pollId === generation) {
				probeDelay = Math.min(300 * SECOND, probeDelay * 2);
				probeTimer = setTimeout(() => probe(pollId), probeDelay);
			}
		});
	}

	async function poll(id) {
		for (let failures = 0; id === generation && !stopped;) {
			let answer;
			try {
				answer = await options.poll(position);
			}
			catch (error) {
				answer = { failed: error };
			}
			if (id !== generation || stopped) {
				return;
			}
			if (answer.gone) {
				end();
				options.gone();
				return;
			}
			if (answer.failed) {
				const failed = answer.failed;
				const wait = failed.status !== undefined ? waitAfter(failed, ++failures) : backoff(++failures);
				troubleFor(failed, wait);
				await (failed.retryAfter ? sleep(wait) : backOff(wait));
				continue;
			}
			failures = 0;
			fine();
			await receive(id, answer.events || []);
			if (position == null && answer.position != null && id === generation) {
				position = Number(answer.position);
			}
		}
	}

	connect();
	return {
		stop() {
			stopped = true;
			end();
		},
		get position() {
			return position;
		},
	};
}

/**
 * Plays a tune, notes of [frequency in Hz, start and length in seconds], on an AudioContext at the given peak volume:
 * each note swells in 20 ms and fades out. No audio on the device is no error; sounds are a courtesy.
 */
export function playTune(audio, notes, volume) {
	try {
		const start = audio.currentTime + 0.01;
		for (const [frequency, offset, length] of notes) {
			const oscillator = audio.createOscillator();
			const gain = audio.createGain();
			oscillator.frequency.value = frequency;
			gain.gain.setValueAtTime(0.0001, start + offset);
			gain.gain.exponentialRampToValueAtTime(volume, start + offset + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + length);
			oscillator.connect(gain).connect(audio.destination);
			oscillator.start(start + offset);
			oscillator.stop(start + offset + length + 0.05);
		}
	}
	catch (e) {
		// No audio on this device.
	}
}
