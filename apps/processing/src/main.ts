import { runService } from '@mindhill/platform';
import { loadProcessingConfig } from './processing.config';
import { processingService } from './processing.service';

void runService(() => processingService(loadProcessingConfig()));
