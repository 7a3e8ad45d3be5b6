// The sandbox page: act as any member of the demo class, in the class group or a private chat with the bot.
"use strict";
const $ = (id) => document.getElementById(id);
const state = { people: [], chats: [], me: null, chat: null, version: 0, seen: {} };

async function api(path, options = {}) {
  const response = await fetch("/sandbox/api/" + path, options);
  if (!response.ok) throw new Error(path + ": " + response.status);
  return response.json();
}

function post(path, body) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

function myChats() {
  return state.chats.filter((chat) => chat.members.includes(state.me));
}

async function loadState() {
  const data = await api("state");
  state.people = data.people;
  state.chats = data.chats;
  const who = $("who");
  who.innerHTML = "";
  for (const person of state.people) {
    const option = new Option(person.name + (person.role ? " · " + person.role : ""), person.id);
    who.add(option);
  }
  const saved = Number(localStorage.getItem("sandbox.me"));
  state.me = state.people.some((p) => p.id === saved) ? saved : (state.people[0] || {}).id;
  who.value = state.me;
  chooseChat(myChats()[0]);
}

function renderChats(unread = {}) {
  const nav = $("chats");
  nav.innerHTML = "";
  for (const chat of myChats()) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = chat.title;
    button.dataset.chat = chat.id;
    if (state.chat && chat.id === state.chat.id) button.classList.add("active");
    if (unread[chat.id]) {
      const badge = document.createElement("span");
      badge.className = "unread";
      badge.textContent = unread[chat.id];
      button.append(badge);
    }
    button.addEventListener("click", () => chooseChat(chat));
    nav.append(button);
  }
}

function chooseChat(chat) {
  state.chat = chat || null;
  $("chat-title").textContent = chat ? chat.title : "";
  renderChats();
  refresh();
}

function renderMessage(message) {
  const item = document.createElement("li");
  item.dataset.messageId = message.message_id;
  if (message.from_id === state.me) item.classList.add("mine");
  const from = document.createElement("span");
  from.className = "from";
  from.textContent = message.from_name;
  item.append(from);
  if (message.photo_url) {
    const image = document.createElement("img");
    image.src = message.photo_url;
    image.alt = "photo";
    item.append(image);
  }
  if (message.document) {
    const link = document.createElement("a");
    link.className = "file";
    link.href = message.document.url;
    link.download = message.document.name;
    link.textContent = "📄 " + message.document.name;
    item.append(link);
  }
  const body = document.createElement("div");
  body.className = "body";
  // Bot messages arrive as sanitised HTML (Telegram's subset); people's messages as plain text.
  if (message.is_bot) body.innerHTML = message.html; else body.textContent = message.text;
  for (const link of body.querySelectorAll("a[href*='?start=']")) {
    link.addEventListener("click", (event) => { event.preventDefault(); followStartLink(link.href); });
  }
  item.append(body);
  if (message.buttons && message.buttons.length) item.append(renderKeyboard(message));
  if (message.edited) {
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = "已编辑 edited";
    item.append(meta);
  }
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
        element.addEventListener("click", (event) => {
          if (button.url.includes("?start=")) { event.preventDefault(); followStartLink(button.url); }
        });
      } else {
        element = document.createElement("button");
        element.type = "button";
        element.addEventListener("click", () => press(message, button));
      }
      element.textContent = button.text;
      line.append(element);
    }
    keyboard.append(line);
  }
  return keyboard;
}

// A t.me deep link opens the private chat with the bot and sends /start <payload>, as Telegram does.
async function followStartLink(url) {
  const payload = new URL(url).searchParams.get("start");
  const privateChat = state.chats.find((chat) => chat.type === "private" && chat.members.includes(state.me));
  if (privateChat) chooseChat(privateChat);
  await post("send", { chat_id: privateChat ? privateChat.id : state.me, user_id: state.me, text: "/start " + payload });
}

async function press(message, button) {
  await post("press", { chat_id: state.chat.id, user_id: state.me, message_id: message.message_id, data: button.callback_data });
}

async function refresh() {
  if (!state.chat) { $("messages").innerHTML = ""; return; }
  const data = await api(`messages?chat_id=${encodeURIComponent(state.chat.id)}&user_id=${state.me}`);
  const list = $("messages");
  list.innerHTML = "";
  for (const message of data.messages) list.append(renderMessage(message));
  list.scrollTop = list.scrollHeight;
  renderChats(data.unread);
}

async function poll() {
  for (;;) {
    try {
      const data = await api(`wait?since=${state.version}`);
      if (data.version !== state.version) {
        const reload = data.reset;
        state.version = data.version;
        if (reload) await loadState(); else await refresh();
      }
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!state.chat) return;
  const text = $("text").value.trim();
  const file = $("file").files[0];
  if (!text && !file) return;
  if (file) {
    const form = new FormData();
    form.append("chat_id", state.chat.id);
    form.append("user_id", state.me);
    form.append("caption", text);
    form.append("file", file);
    await fetch("/sandbox/api/upload", { method: "POST", body: form });
    $("file").value = "";
    $("attached").hidden = true;
  } else {
    await post("send", { chat_id: state.chat.id, user_id: state.me, text });
  }
  $("text").value = "";
});

$("file").addEventListener("change", () => {
  const file = $("file").files[0];
  $("attached").hidden = !file;
  $("attached").textContent = file ? "📎 " + file.name + " — 可加说明文字，如 /checkin" : "";
});

$("who").addEventListener("change", () => {
  state.me = Number($("who").value);
  localStorage.setItem("sandbox.me", state.me);
  chooseChat(myChats()[0]);
});

$("reset").addEventListener("click", async () => {
  if (confirm("清空所有聊天记录？ Clear every chat?")) await post("reset", {});
});

loadState().then(poll);
