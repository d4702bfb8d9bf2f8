local ended = 0
for i = 2, #ARGV do
  local lines = redis.call('HGET', KEYS[5], ARGV[i])
  if lines then
    for product, qty, counted in string.gmatch(lines, '([^:,]+):([^:,]+):([01])') do
      if redis.call('HINCRBY', KEYS[2], product, -1) <= 0 then
        redis.call('HDEL', KEYS[2], product)
      end
      -- Units held uncounted were never taken from the count: nothing to return for them.
      if ARGV[1] == '1' and counted == '1' and redis.call('HEXISTS', KEYS[1], product) == 1 then
        redis.call('HINCRBY', KEYS[1], product, qty)
      end
    end
    redis.call('HDEL', KEYS[5], ARGV[i])
    redis.call('ZREM', KEYS[6], ARGV[i])
    ended = ended + 1
  end
end
return ended
