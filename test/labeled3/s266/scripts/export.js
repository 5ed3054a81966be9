const res = await fetch("https://erp.acme.io/export", {
  headers: {
    Authorization:
      "Basic «basicauth»",
  },
});
console.log(res.status);
