local now = now_ms()
local freeze = redis.call('HGET', KEYS[4], ARGV[1])
if not freeze then
  return 0
end
local token, untilMs, restocksAtFreeze = parse_freeze(freeze)
if token ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[4], ARGV[1])
if tonumber(untilMs) <= now then
  return 0
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 0
end
if (redis.call('HGET', KEYS[3], ARGV[1]) or '0') ~= restocksAtFreeze then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
