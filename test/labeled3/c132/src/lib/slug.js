export const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
// slug('SK Live Token') === 'sk-live-token'
