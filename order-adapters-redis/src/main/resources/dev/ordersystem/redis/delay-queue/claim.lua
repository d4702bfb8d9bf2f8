local now, max, leaseEnd = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local claimed = {}
local function take(id)
  redis.call('ZADD', KEYS[2], leaseEnd, id)
  claimed[#claimed + 1] = id
  claimed[#claimed + 1] = redis.call('HINCRBY', KEYS[3], id, 1)
end
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], '-inf', now, 'BYSCORE', 'LIMIT', 0, max)) do
  take(id)
end
local room = max - #claimed / 2
if room > 0 then
  for _, id in ipairs(redis.call('ZRANGE', KEYS[1], '-inf', now, 'BYSCORE', 'LIMIT', 0, room)) do
    redis.call('ZREM', KEYS[1], id)
    take(id)
  end
end
return claimed
