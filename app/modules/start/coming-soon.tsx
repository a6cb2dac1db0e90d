import { Card, CardGrid } from "~/components/card";
import type { StartPanelView } from "./panel";
import type { comingSoonPanel } from "./coming-soon.server";

export const ComingSoonView: StartPanelView<typeof comingSoonPanel> = ({ data }) => (
  <>
    <p>Das Portal wächst. Für Ihre Rolle entsteht gerade:</p>
    <CardGrid>
      {data.areas.map((a) => (
        <li key={a.area + a.text}>
          <Card title={a.area} preline="Bald verfügbar">
            <p className="kern-body">{a.text}</p>
          </Card>
        </li>
      ))}
    </CardGrid>
  </>
);
