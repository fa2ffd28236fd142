import { deliveryStoreContract } from './delivery-store.contract.js';
import { InMemoryDeliveryStore } from './in-memory-delivery-store.js';

deliveryStoreContract('InMemoryDeliveryStore', () => new InMemoryDeliveryStore());
