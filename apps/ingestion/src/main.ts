import { runService } from '@mindhill/platform';
import { loadIngestionConfig } from './ingestion.config';
import { ingestionService } from './ingestion.service';

void runService(() => ingestionService(loadIngestionConfig()));
