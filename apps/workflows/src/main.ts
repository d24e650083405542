import { runService } from '@mindhill/platform';
import { loadWorkflowsConfig } from './workflows.config';
import { workflowsService } from './workflows.service';

void runService(() => workflowsService(loadWorkflowsConfig()));
