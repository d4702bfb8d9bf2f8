-- Shared by the stock gate's scripts, sent in front of each one that uses it (LuaScript.load).
-- Redis's clock, not the caller's: the instances' clocks differ. (Scripts replicate
-- their effects, so reading TIME before a write is allowed.)
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
-- A freeze is 'token:untilMs:restocksAtFreeze'.
local function parse_freeze(freeze)
  return string.match(freeze, '^([^:]*):(%d+):(%d+)$')
end
