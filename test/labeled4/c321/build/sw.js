self.__WB_MANIFEST=[{"revision":"«h32»","url":"/index.html"},{"revision":"«h32»","url":"/app.js"},{"revision":null,"url":"/assets/logo.«h8».svg"}];
