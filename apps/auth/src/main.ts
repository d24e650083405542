import { runService } from '@mindhill/platform';
import { loadAuthConfig } from './auth.config';
import { authService } from './auth.service';

void runService(() => authService(loadAuthConfig()));
