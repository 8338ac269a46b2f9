package vn.ecomdss.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The server, which runs unattended work (its scheduler is on), resumes once started the backfills a process that
 * died left running. A command-line process does not: it runs the one command it was given.
 */
@Component
@ConditionalOnBooleanProperty("dss.scheduler.enabled")
class BackfillResumption {

    private final Backfills backfills;

    BackfillResumption(Backfills backfills) {
        this.backfills = backfills;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        backfills.resumeInterrupted();
    }
}
