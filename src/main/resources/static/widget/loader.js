/*
 * Parley Live Chat loader. Embed with
 *   <script src="https://PARLEY/widget/loader.js" data-poc="POINT_OF_CONTACT_ID" async></script>
 * It draws the chat button in a Shadow DOM (so the page's styles and ours cannot touch each other) and, only when
 * the button is used, opens the chat window served by Parley in an iframe. Page scripts may call Parley.open(),
 * Parley.close() and Parley.toggle().
 */
(() => {
	'use strict';
	const script = document.currentScript || document.querySelector('script[data-poc][src*="/widget/loader.js"]');
	if (!script || window.Parley) {
		return;
	}
	const warn = (message) => console.warn('Parley: ' + message);
	const poc = script.getAttribute('data-poc') || '';
	const src = new URL(script.src, location.href);
	const parley = src.origin;
	const root = parley + src.pathname.replace(/\/widget\/loader\.js$/, '');
	const pocPath = root + '/widget/v1/points-of-contact/' + encodeURIComponent(poc);
	const openKey = 'parley.open.' + poc;
	const COLOR = /^#[0-9a-fA-F]{6}$/;
	const FONT = /^[A-Za-z0-9 ,'"-]{1,100}$/;
	const SVG = 'http://www.w3.org/2000/svg';
	let frame = null;
	let button = null;
	let wanted = null;
	let focusWhenReady = false;

	const remember = (open) => {
		try {
			sessionStorage.setItem(openKey, open ? '1' : '0');
		}
		catch (e) {
			// Storage may be blocked; the window then simply starts closed on the next page.
		}
	};
	const remembered = () => {
		try {
			return sessionStorage.getItem(openKey) === '1';
		}
		catch (e) {
			return false;
		}
	};
	const post = (type) => frame && frame.contentWindow && frame.contentWindow.postMessage({ parley: type }, parley);

	const show = (open, byUser) => {
		if (!button) {
			wanted = open;
			return;
		}
		if (open && !frame) {
			frame = document.createElement('iframe');
			frame.className = 'frame ' + button.dataset.corner;
			frame.title = button.dataset.title;
			frame.src = pocPath + '/window#' + new URLSearchParams({ origin: location.origin });
			frame.allow = 'autoplay';
			button.after(frame);
			focusWhenReady = byUser;
		}
		else if (open && byUser) {
			post('focus');
		}
		if (frame) {
			frame.hidden = !open;
		}
		if (open) {
			button.classList.remove('unread');
			button.removeAttribute('aria-describedby');
		}
		button.setAttribute('aria-expanded', String(open));
		remember(open);
	};

	const isOpen = () => !!frame && !frame.hidden;

	window.Parley = Object.freeze({
		open: () => show(true, true),
		close: () => show(false, true),
		toggle: () => show(!isOpen(), true),
	});

	addEventListener('message', (event) => {
		if (event.origin !== parley || !frame || event.source !== frame.contentWindow || !event.data) {
			return;
		}
		const type = event.data.parley;
		if (type === 'close') {
			show(false, true);
			button.focus();
		}
		else if (type === 'ready' && focusWhenReady) {
			focusWhenReady = false;
			post('focus');
		}
		else if (type === 'unread' && frame.hidden) {
			button.classList.add('unread');
			button.setAttribute('aria-describedby', 'parley-unread');
		}
	});

	const el = (parent, name, attributes, ns) => {
		const node = ns ? document.createElementNS(ns, name) : document.createElement(name);
		for (const [key, value] of Object.entries(attributes || {})) {
			node.setAttribute(key, value);
		}
		return parent.appendChild(node);
	};

	const draw = (config) => {
		const look = config.appearance || {};
		const color = (value, fallback) => (COLOR.test(value || '') ? value : fallback);
		const corner = ({ BOTTOM_LEFT: 'bl', TOP_RIGHT: 'tr', TOP_LEFT: 'tl' })[look.buttonPosition] || 'br';
		const offset = look.buttonOffset || {};
		const px = (value) => (Number.isInteger(value) && value >= 0 && value <= 200 ? value : 20) + 'px';
		const host = document.createElement('parley-chat');
		const shadow = host.attachShadow({ mode: 'open' });
		// A constructed sheet, not a <style> element, so that a strict Content-Security-Policy on the page allows it.
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(`
:host{all:initial}
[hidden]{display:none!important}
button{position:fixed;z-index:2147483646;display:flex;align-items:center;gap:8px;margin:0;padding:12px 18px;
border:0;border-radius:999px;cursor:pointer;font:600 15px/1.2 var(--font);background:var(--bg);color:var(--fg);
box-shadow:0 4px 14px rgba(0,0,0,.25);max-width:calc(100vw - 40px)}
button:hover{filter:brightness(1.08)}
button:focus-visible{outline:3px solid var(--bg);outline-offset:3px}
svg{width:20px;height:20px;flex:none;fill:currentColor}
.unread::after{content:"";position:absolute;top:-3px;right:-3px;width:14px;height:14px;border-radius:50%;
background:#e11d48;border:2px solid #fff}
#parley-unread{display:none}
span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.frame{position:fixed;z-index:2147483647;width:380px;height:min(620px,calc(100vh - 110px));
max-width:calc(100vw - 40px);border:0;border-radius:14px;background:#fff;box-shadow:0 10px 40px rgba(0,0,0,.3)}
.br{right:var(--x);bottom:var(--y)}.bl{left:var(--x);bottom:var(--y)}.tr{right:var(--x);top:var(--y)}
.tl{left:var(--x);top:var(--y)}.frame.br,.frame.bl{bottom:calc(var(--y) + 70px)}.frame.tr,.frame.tl{top:calc(var(--y) + 70px)}
@media (max-width:480px){.frame{inset:0!important;width:100vw;height:100%;max-width:none;border-radius:0}}`);
		shadow.adoptedStyleSheets = [sheet];
		// The button's distance from its corner (appearance.buttonOffset); the window keeps it from the side too.
		host.style.setProperty('--x', px(offset.x));
		host.style.setProperty('--y', px(offset.y));
		button = el(shadow, 'button', { type: 'button', class: corner, 'aria-expanded': 'false', part: 'button' });
		button.dataset.corner = corner;
		button.dataset.title = look.headerTitle || look.buttonLabel || 'Chat';
		button.style.setProperty('--bg', color(look.primaryColor, '#0B5FFF'));
		button.style.setProperty('--fg', color(look.primaryTextColor, '#FFFFFF'));
		button.style.setProperty('--font', FONT.test(look.fontFamily || '') ? look.fontFamily : 'system-ui, sans-serif');
		const icon = el(button, 'svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' }, SVG);
		el(icon, 'path', { d: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z' }, SVG);
		el(button, 'span').textContent = look.buttonLabel || 'Live Chat';
		el(shadow, 'p', { id: 'parley-unread' }).textContent = 'New message';
		button.addEventListener('click', () => show(!isOpen(), true));
		(document.body || document.documentElement).appendChild(host);
		if (wanted !== null) {
			show(wanted, true);
		}
		else if (remembered()) {
			show(true, false);
		}
	};

	if (!/^[0-9a-fA-F-]{36}$/.test(poc)) {
		warn('the script tag needs data-poc="<point of contact id>"; no chat button is shown.');
		return;
	}
	fetch(pocPath + '/config', { credentials: 'omit' })
		.then((response) => {
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			return response.json();
		})
		.then(draw)
		.catch((error) => warn('no chat button, the configuration could not be loaded (' + error.message + ').'));
})();
