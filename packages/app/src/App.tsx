import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

// Plugins listed in package.json are discovered by app.packages: all; the modules below
// are the app's own extensions.
export default createApp({
  features: [catalogPlugin, navModule, homeModule, signInModule],
});
