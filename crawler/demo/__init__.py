"""The bundled offline demo: realistic institute news sites served on 127.0.0.1.

``server``  LoopbackServer: a real threaded HTTP/1.1 server with routing, conditional GET and a request log
            (the README demo, the tests and the benchmark all serve through it)
"""
