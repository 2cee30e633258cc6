{ "targets": [ { "target_name": "roundtrip", "sources": [ "roundtrip.c" ], "cflags": ["-O2"] } ] }
