const traceparent = "00-«h32»-«h16»-01";
