import type { StartPanelView } from "./panel";
import type { comingSoonPanel } from "./coming-soon.server";

export const ComingSoonView: StartPanelView<typeof comingSoonPanel> = ({ data }) => (
  <>
    <p>Das Portal wächst. Für Ihre Rolle entsteht gerade:</p>
    <ul className="cards">
      {data.areas.map((a) => (
        <li key={a.area + a.text} className="card">
          <h3>{a.area}</h3>
          <p>{a.text}</p>
        </li>
      ))}
    </ul>
  </>
);
