local now = now_ms()
local freeze = redis.call('HGET', KEYS[4], ARGV[1])
if freeze then
  local _, untilMs = parse_freeze(freeze)
  if tonumber(untilMs) > now then
    return 0
  end
end
local restocks = redis.call('HGET', KEYS[3], ARGV[1]) or '0'
redis.call('HSET', KEYS[4], ARGV[1], ARGV[3] .. ':' .. string.format('%.0f', now + tonumber(ARGV[2])) .. ':' .. restocks)
return 1
