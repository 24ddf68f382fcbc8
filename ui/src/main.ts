import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { tauriApi } from "./lib/ipc";

const target = document.getElementById("app");
if (target) {
  mount(App, { target, props: { api: tauriApi } });
}
