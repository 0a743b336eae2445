// The submission's side of function calls for JavaScript and TypeScript: loads main.js (the submission, or tsc's
// output) and answers calls on fd 3 (requests) / fd 4 (answers), each frame a 4-byte big-endian length and JSON.
// It runs inside the submission's own process, so nothing here is trusted: whatever it answers is only data that the
// verifier compares, outside the sandbox, with what it expects.
"use strict";
const fs = require("fs");
const vm = require("vm");

const REQUESTS = 3;
const ANSWERS = 4;

function readExact(n) {
  const buffer = Buffer.alloc(n);
  let done = 0;
  while (done < n) {
    const read = fs.readSync(REQUESTS, buffer, done, n - done, null);
    if (read === 0) process.exit(0);
    done += read;
  }
  return buffer;
}

function answer(message) {
  const data = Buffer.from(JSON.stringify(message), "utf8");
  const frame = Buffer.alloc(4 + data.length);
  frame.writeUInt32BE(data.length, 0);
  data.copy(frame, 4);
  let done = 0;
  while (done < frame.length) done += fs.writeSync(ANSWERS, frame, done, frame.length - done);
}

// The submission runs as a CommonJS module would, and hands back a way to look its names up: top-level functions,
// classes and consts are not properties of anything, so only code in its scope (this eval) can reach them.
function load() {
  const source = fs.readFileSync("main.js", "utf8");
  const wrapper = "(function (exports, require, module, __filename, __dirname) {" + source +
    "\n;return function (name) { return eval(name); };\n})";
  const module = { exports: {} };
  const factory = vm.runInThisContext(wrapper, { filename: require("path").resolve("main.js") });
  const resolve = factory.call(module.exports, module.exports, require, module, require("path").resolve("main.js"), process.cwd());
  if (typeof resolve !== "function") throw new Error("the submission returned from its top level");
  return (entry) => {
    const exported = module.exports && Object.prototype.hasOwnProperty.call(module.exports, entry) ? module.exports[entry] : undefined;
    if (typeof exported === "function") return exported;
    const dot = entry.indexOf(".");
    if (dot < 0) return resolve(entry);
    // Class.method: a static method, else the method of a fresh instance (LeetCode's `Solution.twoSum`).
    const owner = resolve(entry.slice(0, dot));
    const member = entry.slice(dot + 1);
    if (owner != null && typeof owner[member] === "function") return owner[member].bind(owner);
    const target = new owner();
    return target[member].bind(target);
  };
}

class Untransferable extends Error {}

// JSON as the verifier compares it: integers exactly (BigInt included), no NaN or Infinity, no undefined inside
// values, and only plain data (arrays and plain objects), never a class instance's own idea of itself.
function toJson(value, depth) {
  if (depth > 1000) throw new Untransferable("the value is nested too deeply");
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new Untransferable(`${value} is not JSON`);
      return JSON.stringify(value);
    case "bigint":
      return value.toString();
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return "[" + value.map((item) => toJson(item === undefined ? null : item, depth + 1)).join(",") + "]";
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new Untransferable(`a value of type ${value.constructor ? value.constructor.name : "object"} is not JSON`);
      }
      return "{" + Object.keys(value).map((key) => JSON.stringify(key) + ":" + toJson(value[key] === undefined ? null : value[key], depth + 1)).join(",") + "}";
    }
    default:
      throw new Untransferable(`a value of type ${typeof value} is not JSON`);
  }
}

function failure(error) {
  const type = error && error.constructor ? error.constructor.name : typeof error;
  return { ok: false, kind: "raised", type, message: String(error && error.message !== undefined ? error.message : error).slice(0, 2000) };
}

async function call(resolve, request) {
  let result;
  try {
    const fn = resolve(request.entry);
    if (typeof fn !== "function") throw new Error(`entry point ${request.entry} is not a function`);
    result = fn(...request.args);
    if (result instanceof Promise) result = await result;
  } catch (error) {
    return failure(error);
  }
  try {
    return { ok: true, value: toJson(result === undefined ? null : result, 0) };
  } catch (error) {
    return { ok: false, kind: "untransferable", message: String(error.message).slice(0, 500) };
  }
}

async function main() {
  let resolve = null;
  let loadError = null;
  try {
    resolve = load();
  } catch (error) {
    loadError = failure(error);
  }
  for (;;) {
    const length = readExact(4).readUInt32BE(0);
    const request = JSON.parse(readExact(length).toString("utf8"));
    answer(loadError !== null ? loadError : await call(resolve, request));
  }
}

main();
