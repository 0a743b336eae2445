-- The verifier's luaunit: the subset of luaunit's API that test code calls (assertEquals and friends, LuaUnit.run),
-- and the end-of-tests proof for assert programs. The program's one-line prologue calls _verifier_arm before any code
-- of the submission runs; it takes the nonce on fd 3 and notes which function is the program's main chunk. LuaUnit.run
-- echoes the nonce on fd 4 only when every test passed and it was called, not tail-called, by the main chunk at or
-- after the tests' first line, with this module still the one that require returns and no metatable on the globals:
-- a submission (which comes earlier in the file) can neither call it from its own lines, nor slip a fake module with
-- no-op assertions under the tests, nor swap the test functions for no-ops as the tests define them.
local getinfo, open, pairs, ipairs, type, tostring, pcall, error = debug.getinfo, io.open, pairs, ipairs, type, tostring, pcall, error
local format, sort, concat, clock, rawget, next = string.format, table.sort, table.concat, os.clock, rawget, next
local loaded, G, getmetatable = package.loaded, _G, debug.getmetatable

local api = {}
local M = setmetatable({}, {
  __index = api,
  __newindex = function() error("luaunit is read-only", 2) end,
  __metatable = false,
})

local nonce, main, testsFirstLine, armed = nil, nil, nil, false

local function emit()
  if nonce then
    local out = open("/proc/self/fd/4", "wb")
    if out then out:write(nonce); out:close() end
    nonce = nil
  end
end

function api._verifier_arm(firstLine)
  if armed then error("already armed", 2) end
  armed = true
  local input = open("/proc/self/fd/3", "rb")
  if input then nonce = input:read("a"); input:close() end
  main = getinfo(2, "f").func
  testsFirstLine = firstLine
  return emit
end

-- Deep equality as luaunit has it: tables by their keys and values (cycles allowed), everything else by ==.
local function equals(a, b, seen)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  seen = seen or {}
  if seen[a] == b then return true end
  seen[a] = b
  for k, v in pairs(a) do
    if not equals(v, b[k], seen) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

local function show(value, depth)
  depth = depth or 0
  if type(value) == "string" then return format("%q", value) end
  if type(value) ~= "table" or depth > 3 then return tostring(value) end
  local parts = {}
  for k, v in pairs(value) do parts[#parts + 1] = "[" .. show(k, depth + 1) .. "]=" .. show(v, depth + 1) end
  sort(parts)
  return "{" .. concat(parts, ", ") .. "}"
end

local function fail(message, level) error({ luaunitFailure = message }, (level or 1) + 1) end

function api.fail(message) fail(message or "failure", 2) end

function api.assertEquals(actual, expected)
  if not equals(actual, expected) then
    fail(format("expected: %s, actual: %s", show(expected), show(actual)), 2)
  end
end

function api.assertNotEquals(actual, expected)
  if equals(actual, expected) then fail("received the value not expected: " .. show(actual), 2) end
end

function api.assertTrue(value) if value ~= true then fail("expected: true, actual: " .. show(value), 2) end end

function api.assertFalse(value) if value ~= false then fail("expected: false, actual: " .. show(value), 2) end end

function api.assertNil(value) if value ~= nil then fail("expected: nil, actual: " .. show(value), 2) end end

function api.assertNotNil(value) if value == nil then fail("expected: a value, actual: nil", 2) end end

function api.assertAlmostEquals(actual, expected, margin)
  margin = margin or 1e-11
  if type(actual) ~= "number" or type(expected) ~= "number" or math.abs(actual - expected) > margin then
    fail(format("expected: %s (+/- %s), actual: %s", show(expected), tostring(margin), show(actual)), 2)
  end
end

function api.assertError(f, ...)
  if pcall(f, ...) then fail("expected an error, none was raised", 2) end
end

function api.assertStrContains(text, part)
  if type(text) ~= "string" or not text:find(part, 1, true) then
    fail(format("expected %s to contain %s", show(text), show(part)), 2)
  end
end

-- Global functions named test*/Test*, and methods test* of global tables named Test*, in name order.
local function collect()
  local tests = {}
  for name, value in pairs(G) do
    if type(name) == "string" and name:lower():sub(1, 4) == "test" then
      if type(value) == "function" then
        tests[#tests + 1] = { name = name, run = value }
      elseif type(value) == "table" then
        for method, f in pairs(value) do
          if type(method) == "string" and method:lower():sub(1, 4) == "test" and type(f) == "function" then
            tests[#tests + 1] = { name = name .. "." .. method, run = function() return f(value) end }
          end
        end
      end
    end
  end
  sort(tests, function(a, b) return a.name < b.name end)
  return tests
end

local function calledByTheTests()
  local self = getinfo(2, "t")
  local caller = getinfo(3, "fl")
  return main ~= nil and not self.istailcall and caller ~= nil and caller.func == main
    and caller.currentline >= testsFirstLine and loaded.luaunit == M and next(M) == nil and getmetatable(G) == nil
end

api.LuaUnit = setmetatable({}, { __newindex = function() error("luaunit is read-only", 2) end, __metatable = false })
rawset(api.LuaUnit, "run", function()
  local ours = calledByTheTests()
  local started, failures, tests = clock(), 0, collect()
  for _, test in ipairs(tests) do
    local ok, err = pcall(test.run)
    if not ok then
      failures = failures + 1
      local message = type(err) == "table" and err.luaunitFailure or tostring(err)
      print(format("FAIL %s: %s", test.name, tostring(message)))
    end
  end
  print(format("Ran %d tests in %.3f seconds, %d successes, %d failures", #tests, clock() - started, #tests - failures, failures))
  if failures == 0 then
    print("OK")
    if ours and #tests > 0 then emit() end
  end
  return failures
end)

return M
