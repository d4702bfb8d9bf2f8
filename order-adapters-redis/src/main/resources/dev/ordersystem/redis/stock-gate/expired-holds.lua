return redis.call('ZRANGE', KEYS[6], '-inf', now_ms(), 'BYSCORE', 'LIMIT', 0, ARGV[1])
