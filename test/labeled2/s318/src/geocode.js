export async function geocode(address) {
  const res = await fetch(`https://maps.googleapis.com/maps/api/geocode/json?address=${encodeURIComponent(address)}&key=AIza«u35»`);
  return res.json();
}
