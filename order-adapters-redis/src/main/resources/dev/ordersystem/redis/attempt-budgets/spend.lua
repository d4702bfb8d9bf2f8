local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local stored = tonumber(redis.call('GET', KEYS[1]))
local base = now
if stored ~= nil and stored > now then base = stored end
local nextArrival = base + interval
if nextArrival - now <= window then
  redis.call('SET', KEYS[1], string.format('%d', nextArrival), 'PX', math.ceil((nextArrival - now) / 1000))
  return 0
end
return nextArrival - window - now
