// The sandbox page: act as any member of the demo class, in the class group or a private chat with the bot.
"use strict";
const $ = (id) => document.getElementById(id);
const state = {
  people: [], chats: [], me: null, chatId: null, version: 0,
  rendered: null,  // the chat whose messages the list shows
  latest: 0,       // the newest refresh asked for; older answers are dropped
  pending: [],     // button presses whose answer (a toast in Telegram) is awaited
};

async function api(path, options = {}) {
  const response = await fetch("/sandbox/api/" + path, options);
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (error) { /* not JSON */ }
    throw new Error(detail);
  }
  return response.status === 204 ? null : response.json();
}

function post(path, body) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

function say(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
  status.hidden = !text;
  clearTimeout(say.timer);
  if (text) say.timer = setTimeout(() => { status.hidden = true; }, 6000);
}

function myChats() {
  return state.chats.filter((chat) => chat.members.includes(state.me));
}

function currentChat() {
  return state.chats.find((chat) => chat.id === state.chatId) || null;
}

async function loadState() {
  const data = await api("state");
  state.people = data.people;
  state.chats = data.chats;
  if (!state.people.some((p) => p.id === state.me)) {
    const saved = Number(localStorage.getItem("sandbox.me"));
    state.me = state.people.some((p) => p.id === saved) ? saved : (state.people[0] || {}).id;
  }
  if (!myChats().some((chat) => chat.id === state.chatId)) state.chatId = (myChats()[0] || {}).id ?? null;
  renderPeople();
  renderChats();
  renderClock(data.clock);
  renderHint(data);
  return data.version;
}

// The sandbox's own time, which only its buttons move on (absent when a real platform is configured).
function renderClock(clock) {
  $("clock").hidden = !clock;
  if (!clock) return;
  const now = $("clock-now");
  now.dateTime = clock.now;
  now.textContent = `${clock.date} ${clock.weekday} ${clock.time}`;
}

function renderHint(data) {
  $("hint").hidden = !data.hint;
  $("hint-demo").hidden = !data.demo;
}

async function moveClock(by, button) {
  const buttons = document.querySelectorAll("#clock button");
  for (const element of buttons) element.disabled = true;
  try {
    const data = await post("clock", { by });
    if (!data.moved) say("暂时没有要到时的事 Nothing is scheduled yet");
    await update();
  } catch (error) {
    say("时间没有前进 The clock did not move: " + error.message, true);
  } finally {
    for (const element of buttons) element.disabled = false;
    button.focus();
  }
}

function personLabel(person) {
  let label = person.name;
  if (person.role) label += " · " + person.role;
  if (person.unread && person.id !== state.me) label += ` (${person.unread} 未读)`;
  return label;
}

// Options are changed in place, so a select a person has open is not rebuilt under their finger.
function renderPeople() {
  const who = $("who");
  const ids = state.people.map((p) => String(p.id));
  if (Array.from(who.options, (o) => o.value).join() !== ids.join()) {
    who.innerHTML = "";
    for (const person of state.people) who.add(new Option("", person.id));
  }
  state.people.forEach((person, index) => { who.options[index].textContent = personLabel(person); });
  who.value = state.me;
}

// Buttons are kept across updates for the same reason: a click must not land on a replaced element.
function renderChats(unread = null) {
  const nav = $("chats");
  const chats = myChats();
  const wanted = new Set(chats.map((chat) => String(chat.id)));
  for (const button of Array.from(nav.children)) if (!wanted.has(button.dataset.chat)) button.remove();
  chats.forEach((chat, index) => {
    let button = nav.querySelector(`[data-chat="${chat.id}"]`);
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.dataset.chat = chat.id;
      button.append(document.createElement("span"), document.createElement("span"));
      button.firstChild.className = "title";
      button.lastChild.className = "unread";
      button.addEventListener("click", () => chooseChat(chat.id));
    }
    if (nav.children[index] !== button) nav.insertBefore(button, nav.children[index] || null);
    button.firstChild.textContent = chat.title;
    const active = chat.id === state.chatId;
    button.classList.toggle("active", active);
    button.setAttribute("aria-current", active ? "true" : "false");
    if (unread) {
      const count = unread[chat.id] || 0;
      button.lastChild.textContent = count ? String(count) : "";
      button.lastChild.title = count ? `${count} 条未读 unread` : "";
      button.lastChild.hidden = !count;
    }
  });
}

function chooseChat(chatId) {
  state.chatId = chatId ?? null;
  renderChats();
  refresh();
}

function choosePerson(personId) {
  state.me = personId;
  localStorage.setItem("sandbox.me", state.me);
  state.chatId = (myChats()[0] || {}).id ?? null;
  renderPeople();
  renderChats({});  // the badges were the previous person's
  refresh();
}

const URL_PATTERN = /https?:\/\/[^\s<>"“”'，。；）]+/g;

// Telegram clients make bare URLs in a message clickable; so does the page.
function linkify(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (!walker.currentNode.parentElement.closest("a")) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const text = node.nodeValue;
    const matches = Array.from(text.matchAll(URL_PATTERN));
    if (!matches.length) continue;
    const parts = document.createDocumentFragment();
    let at = 0;
    for (const match of matches) {
      parts.append(text.slice(at, match.index));
      const link = document.createElement("a");
      link.href = match[0];
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = match[0];
      parts.append(link);
      at = match.index + match[0].length;
    }
    parts.append(text.slice(at));
    node.replaceWith(parts);
  }
}

function startPayload(url) {
  try {
    const parsed = new URL(url);
    return parsed.hostname === "t.me" ? parsed.searchParams.get("start") : null;
  } catch (error) {
    return null;
  }
}

// Without a colour emoji font Chromium draws ✅ and ⬜ as the same empty box: then the page shows symbols
// that ordinary fonts have, so a calendar of done and missed days stays readable.
const EMOJI_FALLBACK = { "✅": "✔", "⬜": "☐", "🔁": "↻", "📅": "▦", "🎉": "✶", "🌟": "★", "🌙": "☾", "📎": "⎘" };
const emojiDrawn = (() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 24;
  const context = canvas.getContext("2d");
  if (!context) return true;
  const pixels = (symbol) => {
    context.clearRect(0, 0, 24, 24);
    context.font = "20px sans-serif";
    context.fillText(symbol, 0, 20);
    return Array.from(context.getImageData(0, 0, 24, 24).data).join();
  };
  return pixels("✅") !== pixels("⬜");
})();
if (!emojiDrawn) document.documentElement.classList.add("no-emoji");

function withFallbackSymbols(root) {
  if (emojiDrawn) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const pattern = new RegExp(Object.keys(EMOJI_FALLBACK).join("|"), "gu");
  while (walker.nextNode()) {
    const node = walker.currentNode;
    node.nodeValue = node.nodeValue.replace(pattern, (symbol) => EMOJI_FALLBACK[symbol]);
  }
}

function renderMessage(message) {
  const item = document.createElement("li");
  item.dataset.messageId = message.message_id;
  item.classList.toggle("mine", message.from_id === state.me);
  item.classList.toggle("bot", message.is_bot);
  const from = document.createElement("span");
  from.className = "from";
  from.textContent = message.from_name;
  item.append(from);
  if (message.photo) {
    const image = document.createElement("img");
    const { url, width, height } = message.photo;
    if (width && height) {
      const scale = Math.min(1, 256 / height, 320 / width);
      image.width = Math.round(width * scale);
      image.height = Math.round(height * scale);
    }
    image.src = url;
    image.alt = message.text ? "照片 photo: " + message.text : "照片 photo";
    item.append(image);
  }
  if (message.document) {
    const link = document.createElement("a");
    link.className = "file";
    link.href = message.document.url;
    link.download = message.document.name;
    link.textContent = "文件 File: " + message.document.name;
    item.append(link);
  }
  const body = document.createElement("div");
  body.className = "body";
  // Bot messages arrive as sanitised HTML (Telegram's subset); people's messages as plain text.
  if (message.is_bot) body.innerHTML = message.html; else body.textContent = message.text;
  linkify(body);
  for (const link of body.querySelectorAll("a")) {
    const payload = startPayload(link.href);
    if (payload) link.addEventListener("click", (event) => { event.preventDefault(); followStartLink(payload); });
  }
  if (body.textContent) item.append(body);
  if (message.buttons && message.buttons.length) item.append(renderKeyboard(message));
  if (message.reactions && message.reactions.length) {
    const reactions = document.createElement("span");
    reactions.className = "reactions";
    reactions.textContent = message.reactions.join(" ");
    item.append(reactions);
  }
  const meta = document.createElement("span");
  meta.className = "meta";
  meta.textContent = (message.time || "") + (message.edited ? " · 已编辑 edited" : "");
  if (meta.textContent) item.append(meta);
  withFallbackSymbols(item);
  return item;
}

function renderKeyboard(message) {
  const keyboard = document.createElement("div");
  keyboard.className = "keyboard";
  for (const row of message.buttons) {
    const line = document.createElement("div");
    line.className = "row";
    for (const button of row) {
      let element;
      if (button.url) {
        element = document.createElement("a");
        element.href = button.url;
        element.target = "_blank";
        element.rel = "noopener";
        const payload = startPayload(button.url);
        if (payload) {
          element.addEventListener("click", (event) => { event.preventDefault(); followStartLink(payload); });
        }
      } else {
        element = document.createElement("button");
        element.type = "button";
        element.addEventListener("click", () => press(message, button, keyboard));
      }
      element.textContent = button.text;
      line.append(element);
    }
    keyboard.append(line);
  }
  return keyboard;
}

// A t.me deep link opens the private chat with the bot and sends /start <payload>, as Telegram does.
async function followStartLink(payload) {
  const privateChat = state.chats.find((chat) => chat.type === "private" && chat.members.includes(state.me));
  if (privateChat) chooseChat(privateChat.id);
  try {
    const chatId = privateChat ? privateChat.id : state.me;
    await post("send", { chat_id: chatId, user_id: state.me, text: "/start " + payload });
  } catch (error) {
    say("没有发出 Not sent: " + error.message, true);
  }
}

async function press(message, button, keyboard) {
  for (const element of keyboard.querySelectorAll("button")) element.disabled = true;
  try {
    const data = await post("press", {
      chat_id: state.chatId, user_id: state.me, message_id: message.message_id, data: button.callback_data,
    });
    state.pending.push(data.query_id);
  } catch (error) {
    for (const element of keyboard.querySelectorAll("button")) element.disabled = false;
    say("按钮无效 Button failed: " + error.message, true);
  }
}

async function showAnswers() {
  for (const queryId of state.pending.slice()) {
    const data = await api("answer/" + encodeURIComponent(queryId)).catch(() => ({ answered: true }));
    if (!data.answered) continue;
    state.pending = state.pending.filter((id) => id !== queryId);
    if (data.text) say(data.text);
  }
}

function atBottom(list) {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
}

async function refresh() {
  const list = $("messages");
  const chat = currentChat();
  $("chat-title").textContent = chat ? chat.title : "";
  const asked = ++state.latest;
  if (!chat) { list.replaceChildren(); state.rendered = null; return; }
  const data = await api(`messages?chat_id=${encodeURIComponent(chat.id)}&user_id=${state.me}`);
  if (asked !== state.latest) return;  // a newer refresh is under way
  // The list follows the newest message, unless the reader has scrolled up to read older ones.
  let follow = atBottom(list);
  if (state.rendered !== `${state.me}:${chat.id}`) {
    list.replaceChildren();
    state.rendered = `${state.me}:${chat.id}`;
    follow = true;
  }
  // Only new or changed messages are redrawn, so buttons stay put while someone is clicking them.
  const existing = new Map(Array.from(list.children, (item) => [item.dataset.messageId, item]));
  data.messages.forEach((message, index) => {
    const signature = JSON.stringify(message);
    let item = existing.get(String(message.message_id));
    if (!item || item.dataset.signature !== signature) {
      const fresh = renderMessage(message);
      fresh.dataset.signature = signature;
      if (item) item.replaceWith(fresh); else if (message.from_id === state.me) follow = true;
      item = fresh;
    }
    existing.delete(String(message.message_id));
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
  });
  for (const item of existing.values()) item.remove();
  if (follow) list.scrollTop = list.scrollHeight;
  renderChats(data.unread);
}

async function update() {
  await loadState();
  await Promise.all([refresh(), showAnswers()]);
}

async function poll() {
  for (;;) {
    try {
      const data = await api(`wait?since=${state.version}`);
      if (data && data.version !== state.version) {
        state.version = data.version;
        await update();
      }
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const chat = currentChat();
  if (!chat) return;
  const text = $("text").value.trim();
  const file = $("file").files[0];
  if (!text && !file) return;
  try {
    if (file) {
      const form = new FormData();
      form.append("chat_id", chat.id);
      form.append("user_id", state.me);
      form.append("caption", text);
      form.append("file", file);
      await api("upload", { method: "POST", body: form });
      detach();
    } else {
      await post("send", { chat_id: chat.id, user_id: state.me, text });
    }
    $("text").value = "";
  } catch (error) {
    say("没有发出 Not sent: " + error.message, true);
  }
});

function detach() {
  $("file").value = "";
  $("attached").hidden = true;
}

$("attach").addEventListener("click", () => $("file").click());
$("detach").addEventListener("click", detach);

$("file").addEventListener("change", () => {
  const file = $("file").files[0];
  $("attached").hidden = !file;
  $("attached-name").textContent = file ? file.name : "";
  if (file) $("text").focus();
});

$("clock-next").addEventListener("click", (event) => moveClock("next", event.currentTarget));
$("clock-hour").addEventListener("click", (event) => moveClock("hour", event.currentTarget));
$("clock-day").addEventListener("click", (event) => moveClock("day", event.currentTarget));

// The hint's first step, done for the newcomer up to pressing Send.
$("hint-setup").addEventListener("click", () => {
  const teacher = state.people.find((person) => person.name === "王老师");
  if (teacher) choosePerson(teacher.id);
  const group = myChats().find((chat) => chat.type === "group");
  if (group) chooseChat(group.id);
  $("text").value = "/setup 三年级二班";
  $("text").focus();
});

$("hint-demo").addEventListener("click", async () => {
  try {
    await post("demo", {});
    await update();
    const group = myChats().filter((chat) => chat.type === "group").pop();
    if (group) chooseChat(group.id);
  } catch (error) {
    say("演示没有建好 The demo failed: " + error.message, true);
  }
});

$("who").addEventListener("change", () => choosePerson(Number($("who").value)));

$("reset").addEventListener("click", async () => {
  if (confirm("清空所有聊天记录？ Clear every chat?")) await post("reset", {});
});

loadState().then((version) => {
  state.version = version;
  refresh();
  poll();
});
