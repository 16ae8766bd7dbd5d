/** An honest empty state for screens that later versions fill in. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <div className="empty">
        <p>Coming in a later version: {what}.</p>
      </div>
    </section>
  );
}
