local freeze = redis.call('HGET', KEYS[4], ARGV[1])
if freeze and parse_freeze(freeze) == ARGV[2] then
  return redis.call('HDEL', KEYS[4], ARGV[1])
end
return 0
