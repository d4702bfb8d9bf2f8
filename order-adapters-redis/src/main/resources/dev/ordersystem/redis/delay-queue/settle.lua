if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] or not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 0
end
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[3] then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
else
  redis.call('HDEL', KEYS[3], ARGV[1])
end
return 1
