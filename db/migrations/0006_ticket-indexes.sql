CREATE INDEX "tickets_assignee_assigned_idx" ON "tickets" USING btree ("assignee_id","assigned_at");--> statement-breakpoint
CREATE INDEX "tickets_home_centre_status_idx" ON "tickets" USING btree ("home_centre_id","status");--> statement-breakpoint
CREATE INDEX "tickets_last_activity_idx" ON "tickets" USING btree ("last_activity_at");