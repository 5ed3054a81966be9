export async function notify(text: string): Promise<void> {
  await fetch(
    "mongodb+srv://svc-api:«A18»@cluster0.«a5».mongodb.net/prod?retryWrites=true&w=majority",
    { method: "POST", body: JSON.stringify({ text }) },
  );
}
