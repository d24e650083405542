import { runService } from '@mindhill/platform';
import { loadGatewayConfig } from './gateway.config';
import { gatewayService } from './gateway.service';

void runService(() => gatewayService(loadGatewayConfig()));
